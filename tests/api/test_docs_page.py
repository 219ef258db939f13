"""The API's interactive documentation works offline: every asset comes from this site."""

import re


def test_api_docs_load_their_scripts_and_styles_from_this_site(client):
    page = client.get("/api/docs").content.decode()

    assets = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', page)
    assert sorted(assets) == [
        "/static/ninja/swagger-ui-bundle.js",
        "/static/ninja/swagger-ui-init.js",
        "/static/ninja/swagger-ui.css",
    ]
    assert "cdn" not in page.lower()
