//! The music library against fakes of its services: the real Subsonic and Spotify client
//! code (rspotify pointed at the fake through its base URLs) with every injected failure
//! (429 + Retry-After, 503, stalls, malformed answers, a stream cut mid-track, revoked
//! tokens, no Premium, no device, a followed playlist without items), and the library
//! through the bridge's router: settings, pool, moods measured from the audio, telemetry
//! driving the choice while a provider stalls, the stream to the page, approve, labels.

use std::sync::Arc;
use std::time::{Duration, Instant};

use resonance_bridge::clients::fakekit::Fault;
use resonance_bridge::clients::http::{ClientError, RetryPolicy};
use resonance_bridge::clients::spotify::fake::{FakeSpotify, track_id};
use resonance_bridge::clients::spotify::{Settings as SpotifySettings, SpotifyClient};
use resonance_bridge::clients::subsonic::fake::{FakeSong, FakeSubsonic};
use resonance_bridge::clients::subsonic::{Auth, Settings as SubsonicSettings, SubsonicClient};
use serde_json::{Value, json};

use crate::common::{bearer, call};

/// A 16-bit mono WAV: clicks at `bpm` on a tone of `hz`, `secs` long, at 22.05 kHz.
fn wav(bpm: f32, hz: f32, amp: f32, secs: f32) -> Vec<u8> {
    let sr = 22_050u32;
    let n = (sr as f32 * secs) as usize;
    let period = (sr as f32 * 60.0 / bpm) as usize;
    let data: Vec<u8> = (0..n)
        .flat_map(|i| {
            let env = if i % period < sr as usize / 20 { 1.0 } else { 0.05 };
            let s = amp * env * (std::f32::consts::TAU * hz * i as f32 / sr as f32).sin();
            ((s * 32767.0) as i16).to_le_bytes()
        })
        .collect();
    let mut w = Vec::with_capacity(44 + data.len());
    w.extend_from_slice(b"RIFF");
    w.extend_from_slice(&(36 + data.len() as u32).to_le_bytes());
    w.extend_from_slice(b"WAVEfmt ");
    w.extend_from_slice(&16u32.to_le_bytes());
    w.extend_from_slice(&1u16.to_le_bytes());
    w.extend_from_slice(&1u16.to_le_bytes());
    w.extend_from_slice(&sr.to_le_bytes());
    w.extend_from_slice(&(sr * 2).to_le_bytes());
    w.extend_from_slice(&2u16.to_le_bytes());
    w.extend_from_slice(&16u16.to_le_bytes());
    w.extend_from_slice(b"data");
    w.extend_from_slice(&(data.len() as u32).to_le_bytes());
    w.extend_from_slice(&data);
    w
}

fn songs() -> Vec<FakeSong> {
    let song = |id: &str, title: &str, bpm: f32, hz: f32, amp: f32| FakeSong {
        id: id.into(),
        title: title.into(),
        artist: "Fake Band".into(),
        album: if id == "s3" { "Night".into() } else { "Day".into() },
        duration_s: 8,
        bytes: Arc::new(wav(bpm, hz, amp, 8.0)),
        content_type: "audio/wav".into(),
    };
    vec![song("s1", "Storm", 170.0, 3000.0, 0.9), song("s2", "Lullaby", 72.0, 250.0, 0.03), song("s3", "Walk", 110.0, 1000.0, 0.3)]
}

fn quick() -> RetryPolicy {
    RetryPolicy { attempts: 3, base: Duration::from_millis(20), max_wait: Duration::from_secs(5) }
}

fn subsonic_client(url: &str, password: &str, timeout: Duration) -> SubsonicClient {
    let auth = Auth::Password { user: "gm".into(), password: password.into() };
    let mut c = SubsonicClient::new(SubsonicSettings { url: url.into(), auth }, timeout).unwrap();
    c.policy = quick();
    c
}

#[tokio::test]
async fn subsonic_client_speaks_the_protocol_to_the_fake() {
    let fake = FakeSubsonic::start("gm", "sesame", Some("key-1"), songs()).await;
    let c = subsonic_client(&fake.url(), "sesame", Duration::from_secs(5));
    c.ping().await.unwrap();
    // every request carries a fresh salt and a token the fake could verify
    let hits = fake.faults().hits();
    assert!(hits[0].uri.contains("t=") && hits[0].uri.contains("s=") && !hits[0].uri.contains("sesame"), "{}", hits[0].uri);

    let e = subsonic_client(&fake.url(), "wrong", Duration::from_secs(5)).ping().await.unwrap_err();
    assert!(matches!(&e, ClientError::Auth { why, .. } if why.contains("code 40")), "{e}");
    assert!(e.to_string().contains("check the user name and password"), "{e}");
    let key = |k: &str| {
        SubsonicClient::new(SubsonicSettings { url: fake.url(), auth: Auth::ApiKey { key: k.into() } }, Duration::from_secs(5)).unwrap()
    };
    key("key-1").ping().await.unwrap();
    let e = key("nope").ping().await.unwrap_err();
    assert!(e.to_string().contains("API key"), "{e}");
    assert!(
        SubsonicClient::new(SubsonicSettings { url: "ftp://x".into(), auth: Auth::ApiKey { key: "k".into() } }, Duration::from_secs(1))
            .is_err()
    );

    assert_eq!(c.search("lull", 10, 0).await.unwrap().iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["s2"]);
    let albums = c.albums(10, 0).await.unwrap();
    assert_eq!(albums.len(), 2);
    assert_eq!(c.album_songs(&albums[0].id).await.unwrap().len(), 2);
    assert_eq!(c.song("s3").await.unwrap().title, "Walk");
    assert!(matches!(c.song("zzz").await, Err(ClientError::Rejected { reason, .. }) if reason == "not_found"));
    assert!(c.starred().await.unwrap().is_empty());
    c.star("s1").await.unwrap();
    assert_eq!(c.starred().await.unwrap()[0].id, "s1");
    let pls = c.playlists().await.unwrap();
    assert_eq!(c.playlist_songs(&pls[0].id).await.unwrap().len(), 3);
    c.scrobble("s2", false).await.unwrap();
    assert_eq!(fake.scrobbles(), [("s2".to_string(), false)]);

    // stream with Range: 206 and exactly the bytes from there on
    let whole = songs()[0].bytes.clone();
    let r = c.stream("s1", Some(1000)).await.unwrap();
    assert_eq!(r.status().as_u16(), 206);
    assert_eq!(r.bytes().await.unwrap().as_ref(), &whole[1000..]);
    // a stream error comes as an envelope: read as the protocol error
    assert!(c.stream("missing", None).await.is_err());
}

#[tokio::test]
async fn subsonic_client_survives_each_injected_failure() {
    let fake = FakeSubsonic::start("gm", "sesame", None, songs()).await;
    let c = subsonic_client(&fake.url(), "sesame", Duration::from_secs(5));
    let f = fake.faults();

    // 429 with Retry-After: 1 s is waited out (the second request comes at least 1 s later)
    f.push(Fault::RateLimit { retry_after_s: 1 });
    let before = f.hits().len();
    c.ping().await.unwrap();
    let hits = f.hits();
    assert_eq!(hits.len(), before + 2);
    assert!(hits[before + 1].at - hits[before].at >= Duration::from_secs(1), "Retry-After honoured");
    // a Retry-After longer than the policy allows is returned, not slept through
    f.push(Fault::RateLimit { retry_after_s: 60 });
    assert!(matches!(c.ping().await, Err(ClientError::RateLimited { retry_after, .. }) if retry_after == Duration::from_mins(1)));

    // 503 then fine: retried
    f.push(Fault::Status(503));
    c.ping().await.unwrap();
    // down: every attempt 503, then a clear error
    f.set_down(true);
    let e = c.ping().await.unwrap_err();
    assert!(matches!(e, ClientError::Unavailable { .. }) && e.to_string().contains("carries on"), "{e}");
    f.set_down(false);

    // malformed: not retried, a clear error
    f.push(Fault::Malformed);
    let n = f.hits().len();
    assert!(matches!(c.ping().await, Err(ClientError::Malformed { .. })));
    assert_eq!(f.hits().len(), n + 1);

    // stalled: the request timeout ends it
    let mut slow = subsonic_client(&fake.url(), "sesame", Duration::from_millis(300));
    slow.policy.attempts = 1;
    f.push(Fault::Stall(Duration::from_secs(5)));
    assert!(matches!(slow.ping().await, Err(ClientError::Timeout { .. })));

    // a stream cut mid-track: the body ends early with an error, never a hang
    fake.cut_stream_at(Some(5000));
    // (hyper may close before or after the headers leave: either way an error, not a hang)
    match c.stream("s1", None).await {
        Ok(r) => assert!(r.bytes().await.is_err(), "a body shorter than its Content-Length is an error"),
        Err(e) => assert!(e.is_transient(), "{e}"),
    }
    fake.cut_stream_at(None);
}

fn spotify_tracks() -> Vec<(String, String, String, u32)> {
    (0..12).map(|i| (format!("Song {i}"), format!("Artist {}", i % 3), "Album".to_string(), 180_000 + i * 1000)).collect()
}

/// Follows the fake's /authorize redirect: `(code, state)`.
async fn authorize(url: &str) -> (String, String) {
    let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let r = http.get(url).send().await.unwrap();
    assert_eq!(r.status().as_u16(), 303, "{}", r.status());
    let loc = r.headers()["location"].to_str().unwrap().to_string();
    let q: std::collections::HashMap<String, String> = reqwest::Url::parse(&loc).unwrap().query_pairs().into_owned().collect();
    (q["code"].clone(), q["state"].clone())
}

fn spotify_settings(fake: &FakeSpotify) -> SpotifySettings {
    SpotifySettings {
        client_id: "fake-client".into(),
        redirect_uri: "http://127.0.0.1:7878/api/v1/providers/spotify/callback".into(),
        api_base_url: Some(fake.api_base()),
        auth_base_url: Some(fake.auth_base()),
    }
}

#[tokio::test]
async fn spotify_client_logs_in_with_pkce_plays_and_refreshes_against_the_fake() {
    let fake = FakeSpotify::start(spotify_tracks()).await;
    let tokens = Arc::new(std::sync::Mutex::new(Vec::new()));
    let t2 = tokens.clone();
    let mut c = SpotifyClient::new(&spotify_settings(&fake), None, Arc::new(move |t| t2.lock().unwrap().push(t.access_token.clone())));
    c.policy = quick();
    let (url, state, verifier) = c.authorize_url().unwrap();
    assert!(url.contains("code_challenge_method=S256") && url.contains(&state));
    let (code, back_state) = authorize(&url).await;
    assert_eq!(back_state, state);
    // a wrong verifier is refused (the fake checks the S256 challenge)
    let (code2, _) = authorize(&c.authorize_url().unwrap().0).await;
    assert!(matches!(c.exchange(&code2, "not-the-verifier-at-all-not-the-verifier-xx").await, Err(ClientError::Auth { .. })));
    c.exchange(&code, &verifier).await.unwrap();
    assert_eq!(tokens.lock().unwrap().len(), 1, "the new token went to the sink");

    assert_eq!(c.user().await.unwrap(), "Fake User");
    assert_eq!(c.devices().await.unwrap()[0].id, "dev-1");
    let uri = format!("spotify:track:{}", track_id(3));
    c.play(&uri, Some("dev-1")).await.unwrap();
    c.queue(&format!("spotify:track:{}", track_id(4)), None).await.unwrap();
    c.volume(40, None).await.unwrap();
    c.pause(None).await.unwrap();
    c.transfer("dev-1", true).await.unwrap();
    let kinds: Vec<(String, String)> = fake.commands().into_iter().map(|c| (c.kind, c.arg)).collect();
    assert_eq!(kinds[0], ("play".to_string(), uri.clone()));
    assert_eq!(kinds.iter().map(|k| k.0.as_str()).collect::<Vec<_>>(), ["play", "queue", "volume", "pause", "transfer"]);

    // pool: saved tracks, search capped at 10 a page, own playlists only (the followed one
    // comes without items and is never read: rspotify's own type would panic on it)
    let (saved, more) = c.saved_tracks(50, 0).await.unwrap();
    assert_eq!((saved.len(), more), (12, false));
    assert_eq!(c.search("song", 0).await.unwrap().len(), 10);
    assert_eq!(c.search("song", 10).await.unwrap().len(), 2);
    assert_eq!(c.own_playlist_tracks(100).await.unwrap().len(), 1);
    assert_eq!(fake.faults().count("/v1/playlists/0000000000000followed"), 0);

    // an expired access token: one refresh, the call succeeds, the rotated token is stored
    fake.expire_access_tokens();
    c.play(&uri, None).await.unwrap();
    assert_eq!(tokens.lock().unwrap().len(), 2);
    // 429 + Retry-After honoured
    fake.faults().push(Fault::RateLimit { retry_after_s: 1 });
    let t = Instant::now();
    c.pause(None).await.unwrap();
    assert!(t.elapsed() >= Duration::from_secs(1));
    // 503 retried
    fake.faults().push(Fault::Status(503));
    c.pause(None).await.unwrap();
    // no Premium, no active device: their own messages
    fake.set_premium(false);
    let e = c.play(&uri, None).await.unwrap_err();
    assert!(e.to_string().contains("Premium"), "{e}");
    fake.set_premium(true);
    fake.set_device_active(false);
    let e = c.play(&uri, None).await.unwrap_err();
    assert!(matches!(&e, ClientError::Rejected { reason, .. } if reason == "NO_ACTIVE_DEVICE"), "{e}");
    fake.set_device_active(true);
    // revoked: refresh refused -> log in again
    fake.expire_access_tokens();
    fake.revoke_refresh_tokens();
    let e = c.play(&uri, None).await.unwrap_err();
    assert!(e.to_string().contains("connect Spotify again"), "{e}");
    assert_eq!(fake.removed_hits(), 0, "never calls recommendations, audio-features, batch lookups");
}

async fn wait_for(app: &axum::Router, what: &str, f: impl Fn(&Value) -> bool) -> Value {
    let t = Instant::now();
    loop {
        let (_, _, v) = call(app, "GET", "/api/v1/library", None, None).await;
        if f(&v) {
            return v;
        }
        assert!(t.elapsed() < Duration::from_secs(20), "timed out waiting for {what}: {v}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn the_library_follows_telemetry_with_subsonic_tracks_measured_from_their_audio() {
    let fake = FakeSubsonic::start("gm", "sesame", None, songs()).await;
    let (st, key, _dir) = crate::common::state().await;
    let app = resonance_bridge::app(st.clone());
    let auth = bearer(&key);
    let a = Some(auth.as_str());
    // a wrong password is refused before anything is stored
    let bad = json!({"url": fake.url(), "password": {"user": "gm", "password": "nope"}}).to_string();
    let (s, _, v) = call(&app, "PUT", "/api/v1/library/providers/subsonic", a, Some(&bad)).await;
    assert_eq!(s, 409, "{v}");
    assert!(v["message"].as_str().unwrap().contains("password"), "{v}");
    let good = json!({"url": fake.url(), "password": {"user": "gm", "password": "sesame"}}).to_string();
    let (s, _, v) = call(&app, "PUT", "/api/v1/library/providers/subsonic", a, Some(&good)).await;
    assert_eq!(s, 200, "{v}");
    // the password is stored encrypted; opened with another key, the library says what to do
    let row = st.inner.store.library_setting("subsonic").await.unwrap().unwrap();
    assert!(row.starts_with("enc1:") && !row.contains("sesame"), "{row}");
    let other = resonance_bridge::library::service::Library::open(
        &st.inner.store,
        Arc::new(resonance_bridge::metrics::Metrics::default()),
        Arc::new(|_| {}),
        Duration::from_secs(2),
        resonance_bridge::library::vault::Vault::from_key(&[9; 32], "RESONANCE_LIBRARY_KEY"),
    )
    .await
    .unwrap();
    let status = other.view().providers.into_iter().find(|p| p.provider == resonance_bridge::library::model::ProviderKind::Subsonic);
    let msg = status.map(|p| p.message).unwrap_or_default();
    assert!(msg.contains("does not open with the key from RESONANCE_LIBRARY_KEY") && msg.contains("restore the key"), "{msg}");
    assert!(lock_subsonic_is_none(&other), "nothing is used from a secret that does not open");
    let (s, _, _) = call(&app, "PUT", "/api/v1/library/active", a, Some(r#"{"provider": "subsonic"}"#)).await;
    assert_eq!(s, 200);
    let v = wait_for(&app, "every track measured", |v| v["pool_size"] == 3 && v["with_mood"] == 3).await;
    assert_eq!(v["active"], "subsonic");
    let (_, _, pool) = call(&app, "GET", "/api/v1/library/tracks", a, None).await;
    let mood = |title: &str| pool["tracks"].as_array().unwrap().iter().find(|t| t["track"]["title"] == title).unwrap()["mood"].clone();
    assert_eq!(mood("Storm")["source"], "audio");
    assert!(mood("Storm")["arousal"].as_f64() > mood("Lullaby")["arousal"].as_f64(), "{pool}");

    // a calm scene: the calm track plays, streamed through the bridge
    let calm = r#"{"scene": "rest", "trigger": "rest", "hp": 100, "max_hp": 100}"#;
    let (s, _, v) = call(&app, "POST", "/api/v1/sessions/table/telemetry", a, Some(calm)).await;
    assert_eq!(s, 200, "{v}");
    let v = wait_for(&app, "a track", |v| v["now"].is_object()).await;
    let url = v["now"]["stream_url"].as_str().expect("a stream for the page").to_string();
    assert!(!v["now"]["why"].as_str().unwrap().is_empty());
    let (s, _, body) = call(&app, "GET", &url, None, None).await;
    assert_eq!(s, 200);
    assert!(body.as_str().is_some_and(|b| b.starts_with("RIFF")), "WAV bytes through the proxy");
    // approve stars it on the server
    let id = v["now"]["track"]["key"].as_str().unwrap().trim_start_matches("subsonic:").to_string();
    let (s, _, _) = call(&app, "POST", "/api/v1/library/approve", a, None).await;
    assert_eq!(s, 200);
    let t = Instant::now();
    while !fake.starred().contains(&id) {
        assert!(t.elapsed() < Duration::from_secs(5), "star reached the server");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    // a hand label overrides the measurement, and is validated
    let key = format!("/api/v1/library/tracks/{}/mood", v["now"]["track"]["key"].as_str().unwrap());
    let (s, _, _) = call(&app, "PUT", &key, a, Some(r#"{"valence": 2, "arousal": 0}"#)).await;
    assert_eq!(s, 422);
    let (s, _, m) = call(&app, "PUT", &key, a, Some(r#"{"valence": 0.9, "arousal": -0.9}"#)).await;
    assert_eq!((s.as_u16(), m["source"].as_str()), (200, Some("user")));
    // the pool on a plot: a dot per track, the one playing ringed, the target crossed
    let (s, _, svg) = call(&app, "GET", "/api/v1/library/pool.svg", a, None).await;
    let svg = svg.as_str().unwrap_or_default().to_string();
    assert_eq!(s, 200);
    assert_eq!(svg.matches("<circle cx=").count(), 3 + 5, "three tracks and the legend's five: {svg}");
    assert_eq!(svg.matches(r#"class="playing""#).count(), 1);
    assert!(svg.contains("Storm") && svg.contains(r#"class="target""#));
    assert_eq!(call(&app, "GET", "/api/v1/library/pool.svg", None, None).await.0, 401);
    // how the track sits with the generated music: validated, stored, in the view
    for bad in [r#"{"layer": 1.5}"#, r#"{"layer": "half"}"#, "{}"] {
        let (s, _, e) = call(&app, "PUT", "/api/v1/library/layer", a, Some(bad)).await;
        assert_eq!(s, 422, "{bad}: {e}");
        assert!(e["message"].as_str().unwrap().contains("0 to 1"), "{e}");
    }
    assert_eq!(v["layer"], 0.0, "the track instead of the generated music by default");
    let (s, _, lv) = call(&app, "PUT", "/api/v1/library/layer", a, Some(r#"{"layer": 0.5}"#)).await;
    assert_eq!((s.as_u16(), lv["layer"].as_f64()), (200, Some(0.5)));
    assert_eq!(st.inner.store.library_setting("layer").await.unwrap().as_deref(), Some("0.5"), "kept across restarts");
    // skip moves on to another track
    let first = v["now"]["track"]["key"].clone();
    let (s, _, _) = call(&app, "POST", "/api/v1/library/skip", a, None).await;
    assert_eq!(s, 202);
    wait_for(&app, "another track", |v| v["now"]["track"]["key"] != first).await;
    // the server going down leaves the library playing what it has, with a status saying so
    fake.faults().set_down(true);
    let (s, _, v) = call(&app, "GET", "/api/v1/library/devices", a, None).await;
    assert_eq!(s, 409, "Spotify not connected: {v}");
    let (s, _, _) = call(&app, "PUT", "/api/v1/library/providers/subsonic", a, Some(&good)).await;
    assert_eq!(s, 502);
    assert!(call(&app, "GET", "/api/v1/library", None, None).await.2["now"].is_object());
    let metrics = call(&app, "GET", "/metrics", None, None).await.2;
    assert!(metrics.as_str().unwrap().contains("resonance_bridge_library_provider_errors_total{provider=\"subsonic\"}"), "{metrics}");
}

#[tokio::test]
async fn spotify_login_through_the_bridge_and_telemetry_stays_fast_while_spotify_stalls() {
    let fake = FakeSpotify::start(spotify_tracks()).await;
    let (st, key, _dir) = crate::common::state().await;
    let app = resonance_bridge::app(st.clone());
    let auth = bearer(&key);
    let a = Some(auth.as_str());
    let s = serde_json::to_string(&spotify_settings(&fake)).unwrap();
    let (code, _, v) = call(&app, "PUT", "/api/v1/library/providers/spotify", a, Some(&s)).await;
    assert_eq!(code, 200, "{v}");
    let bad = json!({"client_id": "x", "redirect_uri": "http://localhost:7878/cb"}).to_string();
    assert_eq!(call(&app, "PUT", "/api/v1/library/providers/spotify", a, Some(&bad)).await.0, 422);
    let (_, _, v) = call(&app, "GET", "/api/v1/providers/spotify/login", a, None).await;
    let (c, state) = authorize(v["url"].as_str().unwrap()).await;
    // a forged state is refused
    let (s, _, _) = call(&app, "GET", &format!("/api/v1/providers/spotify/callback?code={c}&state=forged"), None, None).await;
    assert_eq!(s, 400);
    let (s, h, _) = call(&app, "GET", &format!("/api/v1/providers/spotify/callback?code={c}&state={state}"), None, None).await;
    assert_eq!(s, 303);
    assert_eq!(h["location"], "/?library=spotify-connected");
    // stored encrypted: the row holds neither token, and opens only with the data directory's key
    let row = st.inner.store.library_setting("spotify_token").await.unwrap().expect("token stored");
    let tok: Value = serde_json::from_str(&st.inner.library.shared.vault.open_value("spotify_token", &row).unwrap()).unwrap();
    for k in ["access_token", "refresh_token"] {
        let t = tok[k].as_str().unwrap();
        assert!(row.starts_with("enc1:") && !t.is_empty() && !row.contains(t), "{k} in clear: {row}");
    }
    let wrong = resonance_bridge::library::vault::Vault::from_key(&[9; 32], "a wrong key");
    let e = wrong.open_value("spotify_token", &row).unwrap_err().to_string();
    assert!(e.contains("a wrong key") && e.contains("set the provider up again"), "{e}");
    let (_, _, d) = call(&app, "GET", "/api/v1/library/devices", a, None).await;
    assert_eq!(d["devices"][0]["name"], "Living room");

    let (s, _, _) = call(&app, "PUT", "/api/v1/library/active", a, Some(r#"{"provider": "spotify", "session": "game"}"#)).await;
    assert_eq!(s, 200);
    // the followed playlist without items does not bring the bridge down
    wait_for(&app, "the Spotify pool", |v| v["pool_size"] == 12).await;

    // a boss appears: the play command goes to the device
    let (s, _, _) = call(&app, "POST", "/api/v1/sessions/game/telemetry", a, Some(r#"{"trigger": "boss_appears", "danger": 0.9}"#)).await;
    assert_eq!(s, 200);
    let t = Instant::now();
    while !fake.commands().iter().any(|c| c.kind == "play") {
        assert!(t.elapsed() < Duration::from_secs(10), "a play command reached Spotify");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let now = wait_for(&app, "now playing", |v| v["now"].is_object()).await;
    assert!(now["now"]["stream_url"].is_null(), "Spotify plays on the device, not through the bridge");

    // Spotify stalls (30 s, longer than the posts take on a loaded machine): 200 telemetry posts (each a trigger, so each wants a new
    // track) are all answered while the player's call is still hanging
    fake.faults().stall_all(Some(Duration::from_secs(30)));
    let plays_before = fake.commands().len();
    let mut lat = Vec::new();
    for i in 0..200 {
        let body = format!(r#"{{"trigger": "boss_appears", "danger": {}}}"#, f64::from(i % 10) / 10.0);
        let t = Instant::now();
        let (s, _, _) = call(&app, "POST", "/api/v1/sessions/game/telemetry", a, Some(&body)).await;
        lat.push(t.elapsed());
        assert_eq!(s, 200);
    }
    assert_eq!(fake.commands().len(), plays_before, "the stalled call has not returned: every answer came while it hung");
    lat.sort();
    println!("telemetry with Spotify stalled: p50 {:?}, p99 {:?}, max {:?}", lat[100], lat[197], lat[199]);
    fake.faults().stall_all(None);
    assert_eq!(fake.removed_hits(), 0);
}

fn lock_subsonic_is_none(l: &resonance_bridge::library::service::Library) -> bool {
    resonance_bridge::library::model::lock(&l.shared.subsonic).is_none()
}
