//! Subsonic / OpenSubsonic client (Navidrome, Gonic, Airsonic): token+salt auth or an
//! OpenSubsonic API key, and the calls the library needs — `ping`, `search3`,
//! `getAlbumList2`, `getAlbum`, `getArtists`, `getSong`, `getStarred2`, `getPlaylists`/`getPlaylist`,
//! `star`, `scrobble`, and `stream` with `Range` (the audio Resonance plays and analyses).
//!
//! Every answer is an envelope `{"subsonic-response": {"status": "ok"|"failed", "error"?}}`,
//! HTTP 200 even for errors: the envelope decides, and an `error` object counts as failure
//! even next to `"status":"ok"` (seen on some servers). Protocol error codes map to a message
//! saying what to change (40 wrong credentials, 41 token auth not supported, 44 bad API key).
//! Spec: <https://www.subsonic.org/pages/api.jsp>, <https://opensubsonic.netlify.app/docs/>.

pub mod fake;

use std::time::Duration;

use md5::{Digest, Md5};
use serde::Deserialize;
use serde_json::Value;

use crate::clients::http::{self, ClientError, RetryPolicy};

const SERVICE: &str = "Subsonic server";
/// The protocol version sent (`v`): 1.16.1 is what OpenSubsonic servers speak.
pub const API_VERSION: &str = "1.16.1";

/// How the client authenticates.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Auth {
    /// `u`, `t = md5(password + salt)`, `s = salt` (a fresh salt per request).
    Password { user: String, password: String },
    /// OpenSubsonic `apiKey`.
    ApiKey { key: String },
}

/// Where the server is and how to log in.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Settings {
    /// Base URL, e.g. `http://127.0.0.1:4533` (Navidrome's default port); `/rest/...` is added.
    pub url: String,
    #[serde(flatten)]
    pub auth: Auth,
}

/// A song (the protocol's `Child`); every field but `id` may be missing on some server.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, serde::Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Song {
    pub id: String,
    pub title: String,
    pub artist: String,
    pub album: String,
    /// Seconds.
    #[serde(deserialize_with = "lenient_u32")]
    pub duration: u32,
    pub suffix: String,
    pub content_type: String,
    #[serde(deserialize_with = "lenient_u32")]
    pub bpm: u32,
    pub starred: Option<String>,
    pub music_brainz_id: Option<String>,
}

/// An album of `getAlbumList2`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, serde::Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Album {
    pub id: String,
    pub name: String,
    pub artist: String,
    #[serde(deserialize_with = "lenient_u32")]
    pub song_count: u32,
}

/// An artist of `getArtists`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, serde::Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Artist {
    pub id: String,
    pub name: String,
    #[serde(deserialize_with = "lenient_u32")]
    pub album_count: u32,
    pub music_brainz_id: Option<String>,
}

/// A playlist of `getPlaylists`.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, serde::Serialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Playlist {
    pub id: String,
    pub name: String,
    #[serde(deserialize_with = "lenient_u32")]
    pub song_count: u32,
}

/// Numbers some servers send as strings (`"year": "1997"`), or not at all.
fn lenient_u32<'de, D: serde::Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::Number(n) => n.as_u64().map_or(0, |v| v.min(u64::from(u32::MAX)) as u32),
        Value::String(s) => s.trim().parse().unwrap_or(0),
        _ => 0,
    })
}

/// A Subsonic client.
#[derive(Clone, Debug)]
pub struct SubsonicClient {
    settings: Settings,
    http: reqwest::Client,
    stream_http: reqwest::Client,
    timeout: Duration,
    pub policy: RetryPolicy,
}

/// A salt of 16 alphanumerics (the spec asks for at least 6; Airsonic for 10).
fn salt() -> String {
    const ALNUM: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    (0..16).map(|_| ALNUM[usize::from(rand::random::<u8>()) % ALNUM.len()] as char).collect()
}

/// `md5(password + salt)` in lower-case hex, the protocol's token.
pub fn token(password: &str, salt: &str) -> String {
    let d = Md5::digest(format!("{password}{salt}").as_bytes());
    d.iter().fold(String::with_capacity(32), |mut s, b| {
        use std::fmt::Write as _;
        let _ = write!(s, "{b:02x}");
        s
    })
}

impl SubsonicClient {
    /// A client with this request timeout (a stalled server costs at most that per attempt).
    ///
    /// # Errors
    /// [`ClientError::Rejected`] when the URL is not `http://` or `https://`.
    pub fn new(settings: Settings, timeout: Duration) -> Result<Self, ClientError> {
        let url = settings.url.trim_end_matches('/');
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(ClientError::Rejected {
                service: SERVICE,
                status: 0,
                reason: "bad_url".into(),
                message: format!("{url:?} is not an http:// or https:// URL; give the server's address, e.g. http://127.0.0.1:4533"),
            });
        }
        let settings = Settings { url: url.to_string(), ..settings };
        // The stream has no total timeout (a track takes minutes); reads are bounded by the caller.
        let stream_http = reqwest::Client::builder().connect_timeout(http::CONNECT_TIMEOUT).build().unwrap_or_default();
        Ok(Self { settings, http: http::client(timeout), stream_http, timeout, policy: RetryPolicy::default() })
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The query of a call: method parameters plus auth, version, client name, JSON.
    fn query(&self, params: &[(&str, String)]) -> Vec<(String, String)> {
        let mut q: Vec<(String, String)> = params.iter().map(|(k, v)| ((*k).to_string(), v.clone())).collect();
        match &self.settings.auth {
            Auth::Password { user, password } => {
                let s = salt();
                q.push(("u".into(), user.clone()));
                q.push(("t".into(), token(password, &s)));
                q.push(("s".into(), s));
            }
            Auth::ApiKey { key } => q.push(("apiKey".into(), key.clone())),
        }
        q.push(("v".into(), API_VERSION.into()));
        q.push(("c".into(), "resonance".into()));
        q.push(("f".into(), "json".into()));
        q
    }

    /// One call, with the retry policy; the envelope's payload on success.
    async fn call(&self, method: &str, params: &[(&str, String)]) -> Result<Value, ClientError> {
        http::with_retry(&self.policy, |_| {}, || self.call_once(method, params)).await
    }

    async fn call_once(&self, method: &str, params: &[(&str, String)]) -> Result<Value, ClientError> {
        let url = format!("{}/rest/{method}", self.settings.url);
        let resp = self
            .http
            .get(&url)
            .query(&self.query(params))
            .send()
            .await
            .map_err(|e| ClientError::from_reqwest(SERVICE, self.timeout, &e))?;
        let status = resp.status();
        let headers = resp.headers().clone();
        if !status.is_success() {
            return Err(http::status_error(SERVICE, status, &headers, String::new()));
        }
        let body = resp.bytes().await.map_err(|e| ClientError::from_reqwest(SERVICE, self.timeout, &e))?;
        envelope(&body)
    }

    /// `ping`: checks the URL and the credentials.
    ///
    /// # Errors
    /// Any [`ClientError`]; [`ClientError::Auth`] for refused credentials.
    pub async fn ping(&self) -> Result<(), ClientError> {
        self.call("ping", &[]).await.map(drop)
    }

    /// `search3` for songs, `count` from `offset`.
    ///
    /// # Errors
    /// Any [`ClientError`].
    pub async fn search(&self, query: &str, count: u32, offset: u32) -> Result<Vec<Song>, ClientError> {
        let v = self
            .call(
                "search3",
                &[
                    ("query", query.to_string()),
                    ("songCount", count.to_string()),
                    ("songOffset", offset.to_string()),
                    ("artistCount", "0".into()),
                    ("albumCount", "0".into()),
                ],
            )
            .await?;
        list(&v["searchResult3"]["song"])
    }

    /// `getAlbumList2` (alphabetical by name), a page of albums.
    ///
    /// # Errors
    /// Any [`ClientError`].
    pub async fn albums(&self, size: u32, offset: u32) -> Result<Vec<Album>, ClientError> {
        let v = self
            .call(
                "getAlbumList2",
                &[("type", "alphabeticalByName".into()), ("size", size.min(500).to_string()), ("offset", offset.to_string())],
            )
            .await?;
        list(&v["albumList2"]["album"])
    }

    /// `getArtists`: every artist of the library (music discovery's seeds).
    ///
    /// # Errors
    /// Any [`ClientError`].
    pub async fn artists(&self) -> Result<Vec<Artist>, ClientError> {
        let v = self.call("getArtists", &[]).await?;
        let mut out = Vec::new();
        for index in list::<Value>(&v["artists"]["index"])? {
            out.extend(list::<Artist>(&index["artist"])?);
        }
        Ok(out)
    }

    /// `getAlbum`: the album's songs.
    ///
    /// # Errors
    /// Any [`ClientError`].
    pub async fn album_songs(&self, id: &str) -> Result<Vec<Song>, ClientError> {
        let v = self.call("getAlbum", &[("id", id.to_string())]).await?;
        list(&v["album"]["song"])
    }

    /// `getSong`.
    ///
    /// # Errors
    /// Any [`ClientError`]; `Rejected` with reason `not_found` for an unknown id.
    pub async fn song(&self, id: &str) -> Result<Song, ClientError> {
        let v = self.call("getSong", &[("id", id.to_string())]).await?;
        Song::deserialize(&v["song"]).map_err(|e| ClientError::Malformed { service: SERVICE, why: e.to_string() })
    }

    /// `getStarred2`: the starred songs.
    ///
    /// # Errors
    /// Any [`ClientError`].
    pub async fn starred(&self) -> Result<Vec<Song>, ClientError> {
        let v = self.call("getStarred2", &[]).await?;
        list(&v["starred2"]["song"])
    }

    /// `getPlaylists`.
    ///
    /// # Errors
    /// Any [`ClientError`].
    pub async fn playlists(&self) -> Result<Vec<Playlist>, ClientError> {
        let v = self.call("getPlaylists", &[]).await?;
        list(&v["playlists"]["playlist"])
    }

    /// `getPlaylist`: its songs.
    ///
    /// # Errors
    /// Any [`ClientError`].
    pub async fn playlist_songs(&self, id: &str) -> Result<Vec<Song>, ClientError> {
        let v = self.call("getPlaylist", &[("id", id.to_string())]).await?;
        list(&v["playlist"]["entry"])
    }

    /// `star` a song (the user approved it from the page).
    ///
    /// # Errors
    /// Any [`ClientError`].
    pub async fn star(&self, id: &str) -> Result<(), ClientError> {
        self.call("star", &[("id", id.to_string())]).await.map(drop)
    }

    /// `scrobble`: `submission=false` is "now playing", `true` a play.
    ///
    /// # Errors
    /// Any [`ClientError`].
    pub async fn scrobble(&self, id: &str, submission: bool) -> Result<(), ClientError> {
        self.call("scrobble", &[("id", id.to_string()), ("submission", submission.to_string())]).await.map(drop)
    }

    /// `stream` (the original file, `format=raw`), from byte `from` on: the response, whose
    /// body the caller reads (a JSON envelope instead of audio is turned into its error).
    ///
    /// # Errors
    /// Any [`ClientError`]; the server's protocol error when it answers with an envelope.
    pub async fn stream(&self, id: &str, from: Option<u64>) -> Result<reqwest::Response, ClientError> {
        let url = format!("{}/rest/stream", self.settings.url);
        let mut req = self.stream_http.get(&url).query(&self.query(&[("id", id.to_string()), ("format", "raw".into())]));
        if let Some(b) = from {
            req = req.header(reqwest::header::RANGE, format!("bytes={b}-"));
        }
        let resp = tokio::time::timeout(self.timeout, req.send())
            .await
            .map_err(|_| ClientError::Timeout { service: SERVICE, timeout: self.timeout })?
            .map_err(|e| ClientError::from_reqwest(SERVICE, self.timeout, &e))?;
        if !resp.status().is_success() {
            return Err(http::status_error(SERVICE, resp.status(), resp.headers(), String::new()));
        }
        let is_json = resp
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|c| c.contains("json") || c.contains("xml"));
        if is_json {
            let body = resp.bytes().await.map_err(|e| ClientError::from_reqwest(SERVICE, self.timeout, &e))?;
            envelope(&body)?;
            return Err(ClientError::Malformed { service: SERVICE, why: "stream answered with a document instead of audio".into() });
        }
        Ok(resp)
    }
}

/// A list payload (absent = empty, one object instead of an array = one item).
fn list<T: serde::de::DeserializeOwned>(v: &Value) -> Result<Vec<T>, ClientError> {
    let items = match v {
        Value::Null => return Ok(Vec::new()),
        Value::Array(a) => a.clone(),
        o => vec![o.clone()],
    };
    items
        .into_iter()
        .map(|i| serde_json::from_value(i).map_err(|e| ClientError::Malformed { service: SERVICE, why: e.to_string() }))
        .collect()
}

/// The payload of an envelope, or its error as a [`ClientError`].
///
/// # Errors
/// [`ClientError::Malformed`] when the body is no envelope; the protocol error otherwise.
pub fn envelope(body: &[u8]) -> Result<Value, ClientError> {
    let v: Value = serde_json::from_slice(body).map_err(|e| ClientError::Malformed { service: SERVICE, why: format!("not JSON: {e}") })?;
    let Some(r) = v.get("subsonic-response") else {
        if let Some(d) = v.get("detail").and_then(Value::as_str) {
            return Err(ClientError::Auth { service: SERVICE, why: d.to_string(), what_to_do: "check the user and password".into() });
        }
        return Err(ClientError::Malformed { service: SERVICE, why: "no subsonic-response envelope".into() });
    };
    if let Some(err) = r.get("error") {
        return Err(protocol_error(err["code"].as_u64().unwrap_or(0), err["message"].as_str().unwrap_or("")));
    }
    if r["status"].as_str() != Some("ok") {
        return Err(ClientError::Malformed { service: SERVICE, why: format!("status {}", r["status"]) });
    }
    Ok(r.clone())
}

/// A protocol error code as a client error saying what to do.
fn protocol_error(code: u64, message: &str) -> ClientError {
    let auth = |what: &str| ClientError::Auth { service: SERVICE, why: format!("{message} (code {code})"), what_to_do: what.into() };
    match code {
        40 => auth("check the user name and password in the library settings"),
        41 => auth("this server cannot do token authentication (LDAP?): use an API key or a local user with a password"),
        42 | 43 => auth("use either a user and password or an API key, as the server supports"),
        44 => auth("the API key is not valid: create a new one in the server's settings"),
        50 => auth("the user may not do this: give it the permission in the server"),
        20 | 30 => ClientError::Rejected {
            service: SERVICE,
            status: 200,
            reason: "version".into(),
            message: format!("{message} (code {code}); the server and Resonance disagree on the protocol version {API_VERSION}"),
        },
        70 => ClientError::Rejected { service: SERVICE, status: 200, reason: "not_found".into(), message: format!("{message} (code 70)") },
        _ => ClientError::Rejected { service: SERVICE, status: 200, reason: "failed".into(), message: format!("{message} (code {code})") },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_is_md5_of_password_and_salt() {
        // the spec's own example: password "sesame", salt "c19b2d"
        assert_eq!(token("sesame", "c19b2d"), "26719a1196d2a940705a59634eb18eab");
    }

    #[test]
    fn an_error_object_fails_even_with_status_ok() {
        let e = envelope(br#"{"subsonic-response":{"status":"ok","error":{"code":40,"message":"Wrong username or password"}}}"#);
        assert!(matches!(e, Err(ClientError::Auth { .. })), "{e:?}");
        assert!(envelope(br#"{"subsonic-response":{"status":"ok","version":"1.16.1"}}"#).is_ok());
        assert!(matches!(envelope(b"{\"truncated"), Err(ClientError::Malformed { .. })));
    }
}
