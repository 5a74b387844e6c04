//! The router: every domain's routes merged, with the layers all of them share (CORS, body
//! limit, latency and rejection metrics) and the fallback; and the OpenAPI document, generated
//! from the same route declarations (utoipa-axum), so a route cannot go undocumented.

use std::sync::OnceLock;
use std::time::Instant;

use axum::Router;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use tower_http::cors::{AllowOrigin, CorsLayer};
use utoipa::OpenApi as _;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{AppError, ErrorBody, RejectReason};
use crate::state::AppState;

/// The document's fixed parts; the paths and schemas come from the handlers.
#[derive(utoipa::OpenApi)]
#[openapi(
    info(
        title = "Resonance bridge",
        version = "1",
        description = "Telemetry hub, director, live state and controls. Mutating endpoints need `Authorization: Bearer KEY` (or HTTP Basic with the key as password). Errors are `{error, message, field?}`; a 422 names the field. OSC address space: the resonance-protocol crate (protocol/src/lib.rs).",
    ),
    servers((url = "http://127.0.0.1:7878")),
    components(responses(ErrorBody)),
    modifiers(&Security),
)]
struct ApiDoc;

/// Adds the two ways to present a key (`bearer`, `basic`) to the document.
struct Security;

impl utoipa::Modify for Security {
    fn modify(&self, doc: &mut utoipa::openapi::OpenApi) {
        let c = doc.components.get_or_insert_with(utoipa::openapi::Components::new);
        c.add_security_scheme("bearer", SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)));
        c.add_security_scheme("basic", SecurityScheme::Http(Http::new(HttpAuthScheme::Basic)));
    }
}

/// Every documented route, by domain.
fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(openapi_json))
        .merge(crate::metrics::routes::routes())
        .merge(crate::telemetry::routes::routes())
        .merge(crate::director::routes::routes())
        .merge(crate::osc_in::routes::routes())
        .merge(crate::auth::routes::routes())
        .merge(crate::recognition::routes::routes())
        .merge(crate::guard::routes::routes())
        .merge(crate::clips::routes::routes())
        .merge(crate::library::routes::routes())
        .merge(crate::discovery::routes::routes())
        .merge(crate::ws::routes())
        .merge(crate::cluster::routes::routes())
}

/// The OpenAPI 3.1 document of the HTTP API (served at `/api/v1/openapi.json`).
pub fn openapi() -> utoipa::openapi::OpenApi {
    api().into_openapi()
}

/// Every API route as (method, path) in axum's path syntax, from the document.
pub fn api_routes() -> Vec<(String, String)> {
    let doc = serde_json::to_value(openapi()).unwrap_or_default();
    let mut out = Vec::new();
    if let Some(paths) = doc["paths"].as_object() {
        for (path, item) in paths {
            for method in item.as_object().into_iter().flat_map(|m| m.keys()) {
                out.push((method.to_uppercase(), path.clone()));
            }
        }
    }
    out
}

/// This document
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "ops", responses((status = 200, description = "OpenAPI 3.1", body = Object)))]
async fn openapi_json() -> Response {
    static DOC: OnceLock<String> = OnceLock::new();
    let doc = DOC.get_or_init(|| openapi().to_json().unwrap_or_default());
    ([(header::CONTENT_TYPE, "application/json")], doc.as_str()).into_response()
}

/// Builds the router. CORS allows the bridge's own origin (the bound HTTP address) plus the
/// configured origins.
pub fn app(state: AppState) -> Router {
    let bound = state.inner.bound.get().copied().unwrap_or(state.inner.config.listen);
    let origins: Vec<HeaderValue> =
        state.inner.config.allowed_origins(bound).iter().filter_map(|o| HeaderValue::from_str(o).ok()).collect();
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::GET, Method::HEAD, Method::POST, Method::PUT, Method::PATCH, Method::DELETE])
        .allow_headers([header::AUTHORIZATION, header::CONTENT_TYPE]);
    let limit = state.inner.config.body_limit;
    let (api, _) = api().split_for_parts();
    api.merge(crate::web::routes())
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(limit))
        .layer(cors)
        .layer(middleware::from_fn_with_state(state.clone(), observe))
        .with_state(state)
}

async fn not_found() -> AppError {
    AppError::NotFound("no such route; see /api/v1/openapi.json".into())
}

/// Records latency per route and counts rejections by reason.
async fn observe(State(st): State<AppState>, req: Request, next: Next) -> Response {
    let t = Instant::now();
    let method = req.method().as_str().to_string();
    let route = req.extensions().get::<MatchedPath>().map_or_else(|| "unmatched".to_string(), |p| p.as_str().to_string());
    let resp = next.run(req).await;
    let m = &st.inner.metrics;
    if let Some(r) = resp.extensions().get::<RejectReason>() {
        m.reject(r.0);
    } else if resp.status() == StatusCode::METHOD_NOT_ALLOWED {
        m.reject("method_not_allowed");
    } else if resp.status() == StatusCode::PAYLOAD_TOO_LARGE {
        m.reject("too_large");
    } else if resp.status().is_client_error() {
        m.reject("bad_json");
    }
    if route != "/api/v1/ws" {
        m.observe(&method, &route, t.elapsed().as_secs_f64());
    }
    m.count_request(&method, &route, resp.status().as_u16());
    resp
}
