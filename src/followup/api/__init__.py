"""The JSON API; its OpenAPI schema is served at /api/openapi.json."""

from ninja import NinjaAPI
from ninja.errors import ValidationError

from followup.errors import ActionError, InvalidInput
from followup.measures.api import router as measures_router
from followup.petitions.api import router as petitions_router

from .consult import router as consult_router
from .documents import router as documents_router
from .items import router as items_router
from .reports import compliance_router
from .reports import router as reports_router
from .types import ErrorOut

api = NinjaAPI(
    title="followup API",
    version="1",
    description="Documents, extracted items, implementation reports and open data of followup.",
    urls_namespace="api",
)
api.add_router("/documents", documents_router, tags=["documents"])
api.add_router("/items", items_router, tags=["items"])
api.add_router("/reports", reports_router, tags=["reports"])
api.add_router("/compliance", compliance_router, tags=["compliance"])
api.add_router("/petitions", petitions_router, tags=["petitions"])
api.add_router("/measures", measures_router, tags=["measures"])
api.add_router("/consult", consult_router, tags=["consultations"])


@api.exception_handler(ActionError)
def action_error(request, err: ActionError):
    """The one place where refusals become API answers. Bad input is a 422, as ninja answers
    its own validation errors."""
    status = 422 if isinstance(err, InvalidInput) else err.status
    return api.create_response(request, {"detail": err.message}, status=status)


@api.exception_handler(ValidationError)
def invalid_request(request, err: ValidationError):
    """Invalid parameters or body, answered like every refusal: a sentence naming each field
    (``detail``), and the list of them for programs (``errors``)."""
    errors = [
        {"field": ".".join(str(part) for part in e["loc"][1:]) or e["loc"][0], "message": e["msg"]}
        for e in err.errors
    ]
    detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


def _document_structural_answers() -> None:
    """Answers every route of a kind can give, whether or not its module lists them: invalid
    input (422) anywhere, a missing object (404) with an id in the path, an anonymous caller
    (401), a refusal of the policy (403) and a missing object named in the body (404) behind
    sign-in; each with the one error schema, so that the schema is true of every
    route, the apps' included."""
    for _prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                codes = [
                    422,
                    *([404] if "{" in path else []),
                    *([401, 403, 404] if operation.auth_callbacks else []),
                ]
                if len(operation.response_models) == 1 and 200 not in operation.response_models:
                    continue  # a lone non-200 answer is the route's default status: keep it alone
                for code in codes:
                    if code not in operation.response_models:
                        operation.response_models[code] = operation._create_response_model(ErrorOut)


_document_structural_answers()
