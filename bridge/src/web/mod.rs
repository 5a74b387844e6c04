//! The web control page and the OBS overlays: static HTML/JS embedded in the binary.
//!
//! The page (`/`) reads the API key from `#key=...` in the URL or asks for it (kept in the
//! browser's localStorage) and uses it for the control calls; the live data comes over the
//! WebSocket, which needs no key. Overlays need no key and have a transparent background, for
//! OBS browser sources.

use axum::Router;
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;

use crate::state::AppState;

/// The page and overlays (HTML, not part of the API document).
pub fn routes() -> Router<AppState> {
    Router::new().route("/", get(page)).route("/overlay/now-playing", get(overlay_now_playing)).route("/overlay/mood", get(overlay_mood))
}

const PAGE: &str = include_str!("index.html");
const NOW_PLAYING: &str = include_str!("now-playing.html");
const MOOD: &str = include_str!("mood.html");

fn html(body: &'static str) -> Response {
    ([(header::CACHE_CONTROL, "no-cache")], Html(body)).into_response()
}

pub async fn page() -> Response {
    html(PAGE)
}

pub async fn overlay_now_playing() -> Response {
    html(NOW_PLAYING)
}

pub async fn overlay_mood() -> Response {
    html(MOOD)
}
