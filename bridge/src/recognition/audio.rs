//! Audio sent to the recognition service: decoding a request body with `resonance_io`'s
//! decoder (symphonia), its limits, its tags, and the 4xx each kind of bad input gets.
//!
//! A body is written to a private temporary file and decoded by
//! [`resonance_io::decode::decode_file`], the decoder `resonance index`/`identify` use, so the
//! service accepts exactly what the command line does (WAV, FLAC, Ogg Vorbis, MP3, AAC/ALAC in
//! MP4/M4A, AIFF, CAF, Matroska/WebM with those codecs) and its checks for truncated and
//! corrupt files apply. Opus (Ogg or WebM, as browsers' `MediaRecorder` makes it) has no
//! decoder in symphonia 0.6 and is refused with a 415 that says so (decision record 0032).
//!
//! | input | answer |
//! |---|---|
//! | 0-byte body | 400 `empty_body` |
//! | not audio, unknown container | 415 `not_audio` |
//! | a codec without a decoder (Opus, ...) | 415 `unsupported_codec` |
//! | truncated or corrupt audio | 422 `bad_audio` |
//! | longer than the limit (or larger than the byte limit) | 413 `too_long` / `too_large` |

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use axum::http::StatusCode;
use resonance_io::IoError;
use resonance_io::decode::{Decoded, decode_file};

use crate::error::AppError;

/// A decoded query: mono samples at the file's rate.
#[derive(Debug)]
pub struct QueryAudio {
    pub mono: Vec<f32>,
    pub sample_rate: f64,
    pub duration_s: f64,
}

/// Title, artist and album tags of a file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tags {
    pub title: Option<String>,
    pub artist: Option<String>,
    pub album: Option<String>,
}

/// A temporary copy of a request body; removed when dropped.
#[derive(Debug)]
pub struct TempAudio {
    path: PathBuf,
}

static TEMP_SEQ: AtomicU64 = AtomicU64::new(0);

impl TempAudio {
    /// Writes `bytes` to a new file in the system's temporary folder, named with `ext` so
    /// the decoder's probe gets a hint.
    ///
    /// # Errors
    /// 500 when the temporary folder is not writable.
    pub fn write(bytes: &[u8], ext: &str) -> Result<Self, AppError> {
        let n = TEMP_SEQ.fetch_add(1, Ordering::Relaxed);
        let ext: String = ext.chars().filter(char::is_ascii_alphanumeric).take(8).collect();
        let ext = if ext.is_empty() { "bin".to_string() } else { ext };
        let path = std::env::temp_dir().join(format!("resonance-audio-{}-{n}.{ext}", std::process::id()));
        std::fs::write(&path, bytes).map_err(|e| {
            AppError::Internal(format!("cannot write a temporary file {} ({e}); check the temporary folder", path.display()))
        })?;
        Ok(Self { path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for TempAudio {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// The file extension that tells the probe what a body is, from its content type or file
/// name (`None` when neither says).
pub fn extension_hint(content_type: Option<&str>, file_name: Option<&str>) -> Option<String> {
    if let Some(ext) = file_name.and_then(|n| Path::new(n).extension()).and_then(|e| e.to_str()) {
        return Some(ext.to_ascii_lowercase());
    }
    let ct = content_type?.split(';').next()?.trim().to_ascii_lowercase();
    let ext = match ct.as_str() {
        "audio/wav" | "audio/x-wav" | "audio/wave" | "audio/vnd.wave" => "wav",
        "audio/flac" | "audio/x-flac" => "flac",
        "audio/ogg" | "application/ogg" | "audio/vorbis" => "ogg",
        "audio/mpeg" | "audio/mp3" => "mp3",
        "audio/mp4" | "audio/x-m4a" | "audio/m4a" => "m4a",
        "audio/aac" | "audio/aacp" => "aac",
        "audio/webm" | "video/webm" => "webm",
        "audio/x-matroska" | "video/x-matroska" => "mkv",
        "audio/aiff" | "audio/x-aiff" => "aiff",
        _ => return None,
    };
    Some(ext.to_string())
}

/// Whether `bytes` hold Opus audio (an Ogg `OpusHead` packet or a Matroska `A_OPUS` codec
/// id near the start), which this build cannot decode.
fn is_opus(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    head.windows(8).any(|w| w == b"OpusHead") || head.windows(6).any(|w| w == b"A_OPUS")
}

/// Refuses a 0-byte body and Opus before any decoding.
///
/// # Errors
/// 400 `empty_body`, 415 `unsupported_codec`.
pub fn precheck(bytes: &[u8]) -> Result<(), AppError> {
    if bytes.is_empty() {
        return Err(AppError::rejected(
            StatusCode::BAD_REQUEST,
            "empty_body",
            format!(
                "the body is empty (0 bytes); send the audio file as the body or as multipart field `file` ({})",
                resonance_io::decode::SUPPORTED
            ),
        ));
    }
    if is_opus(bytes) {
        return Err(AppError::rejected(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_codec",
            format!(
                "the audio is Opus (Ogg or WebM, as a browser's MediaRecorder makes it), which this build does not decode; \
                 send {} (a browser can record WAV through the Web Audio API)",
                resonance_io::decode::SUPPORTED
            ),
        ));
    }
    Ok(())
}

/// The answer for a decoder error.
pub fn decode_error(e: &IoError) -> AppError {
    let IoError::Decode { message, .. } = e else {
        return AppError::Internal(format!("{e}; retry the request"));
    };
    let text = format!("the audio {message}");
    if message.contains("not an audio file") || message.contains("cannot be read as audio") || message.contains("no audio track") {
        AppError::rejected(StatusCode::UNSUPPORTED_MEDIA_TYPE, "not_audio", text)
    } else if message.contains("codec") {
        AppError::rejected(StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_codec", text)
    } else if message.contains("is empty") {
        AppError::rejected(StatusCode::BAD_REQUEST, "empty_body", text)
    } else {
        AppError::rejected(StatusCode::UNPROCESSABLE_ENTITY, "bad_audio", text)
    }
}

/// 413 for audio longer than `max_s`.
pub fn too_long(duration_s: f64, max_s: f64, what: &str) -> AppError {
    AppError::rejected(
        StatusCode::PAYLOAD_TOO_LARGE,
        "too_long",
        format!("the {what} is {duration_s:.1} s long; at most {max_s:.0} s is accepted, send a shorter excerpt"),
    )
}

/// Decodes a query body (blocking): prechecks, decoder errors and the duration limit as in
/// the module docs.
///
/// # Errors
/// The 4xx of the module docs; 500 when the temporary file cannot be written.
pub fn decode_query(bytes: &[u8], ext: Option<&str>, max_s: f64) -> Result<QueryAudio, AppError> {
    precheck(bytes)?;
    let tmp = TempAudio::write(bytes, ext.unwrap_or("bin"))?;
    let decoded: Decoded = decode_file(tmp.path()).map_err(|e| decode_error(&e))?;
    let duration_s = decoded.duration_s();
    if duration_s > max_s {
        return Err(too_long(duration_s, max_s, "query"));
    }
    Ok(QueryAudio { mono: decoded.to_mono(), sample_rate: f64::from(decoded.sample_rate), duration_s })
}

/// Title, artist and album tags of a file (container and per-track tags, latest revision
/// first); empty when the file carries none or cannot be probed.
pub fn read_tags(path: &Path) -> Tags {
    use symphonia::core::formats::FormatOptions;
    use symphonia::core::formats::probe::Hint;
    use symphonia::core::io::{MediaSourceStream, MediaSourceStreamOptions};
    use symphonia::core::meta::{MetadataOptions, StandardTag};
    let mut tags = Tags::default();
    let Ok(file) = std::fs::File::open(path) else { return tags };
    let mss = MediaSourceStream::new(Box::new(file), MediaSourceStreamOptions::default());
    let mut hint = Hint::new();
    if let Some(ext) = path.extension().and_then(|e| e.to_str()) {
        hint.with_extension(ext);
    }
    let Ok(mut format) = symphonia::default::get_probe().probe(&hint, mss, FormatOptions::default(), MetadataOptions::default()) else {
        return tags;
    };
    let mut meta = format.metadata();
    let mut revisions = Vec::new();
    while let Some(rev) = meta.pop() {
        revisions.push(rev);
    }
    if let Some(rev) = meta.current() {
        revisions.push(rev.clone());
    }
    for rev in revisions.iter().rev() {
        let per_track = rev.per_track.iter().flat_map(|t| t.metadata.tags.iter());
        for tag in rev.media.tags.iter().chain(per_track) {
            let (slot, value) = match &tag.std {
                Some(StandardTag::TrackTitle(s)) => (&mut tags.title, s),
                Some(StandardTag::Artist(s)) => (&mut tags.artist, s),
                Some(StandardTag::Album(s)) => (&mut tags.album, s),
                _ => continue,
            };
            if slot.is_none() && !value.trim().is_empty() {
                *slot = Some(value.trim().to_string());
            }
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_and_prechecks() {
        assert_eq!(extension_hint(Some("audio/mpeg"), None).as_deref(), Some("mp3"));
        assert_eq!(extension_hint(Some("audio/webm;codecs=opus"), None).as_deref(), Some("webm"));
        assert_eq!(extension_hint(Some("audio/mpeg"), Some("x.FLAC")).as_deref(), Some("flac"));
        assert_eq!(extension_hint(Some("application/octet-stream"), None), None);
        assert!(precheck(b"").is_err());
        assert!(precheck(b"OggS\0\x02........OpusHead\x01\x02").is_err());
        assert!(precheck(b"RIFF....WAVE").is_ok());
    }
}
