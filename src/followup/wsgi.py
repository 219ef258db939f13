"""The WSGI application the production server (gunicorn, `followup serve`) loads."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "followup.settings")
application = get_wsgi_application()

from followup.deploy import ensure_secret_key  # noqa: E402  (settings are loaded above)

ensure_secret_key()
# One BLAS thread per request: the server already runs requests in parallel, and a query's
# embedding on two contended threads took 200 times longer than on one.
from followup.jobs import limit_blas_threads  # noqa: E402

limit_blas_threads(1)
