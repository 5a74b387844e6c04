//! The director's API: the loaded rule sets and the styles that exist.

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::state::AppState;

/// The director routes.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_rules)).routes(routes!(get_styles))
}

/// Loaded director rule sets
#[utoipa::path(get, path = "/api/v1/rules", tag = "director", responses((status = 200, description = "rule sets", body = Object)))]
pub async fn get_rules(State(st): State<AppState>) -> Response {
    let sets: Vec<Value> = st
        .inner
        .rules
        .names()
        .filter_map(|n| st.inner.rules.get(n))
        .map(|s| json!({"name": s.name, "description": s.description, "style": s.base.style, "rules": s.rules.iter().map(|r| r.name.clone()).collect::<Vec<_>>()}))
        .collect();
    Json(json!({"rule_sets": sets})).into_response()
}

/// The styles that exist: what rules, controls and the page may name
#[utoipa::path(get, path = "/api/v1/styles", tag = "director", responses((status = 200, description = "style names: `styles` (all, factory first), `factory`", body = Object)))]
pub async fn get_styles(State(st): State<AppState>) -> Response {
    Json(json!({"styles": st.inner.styles.names(), "factory": st.inner.styles.factory()})).into_response()
}
