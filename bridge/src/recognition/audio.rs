//! Audio sent to the recognition service: decoding a request body with `resonance_io`'s
//! decoder (symphonia), its limits, its tags, and the 4xx each kind of bad input gets.
//!
//! A body is written to a private temporary file and decoded by
//! [`resonance_io::decode::decode_file`], the decoder `resonance index`/`identify` use, so the
//! service accepts exactly what the command line does (WAV, FLAC, Ogg Vorbis, MP3, AAC/ALAC in
//! MP4/M4A, AIFF, CAF, Matroska/WebM with those codecs, and Opus in Ogg or WebM as browsers'
//! `MediaRecorder` makes it: decision record 0036) and its checks for truncated and corrupt
//! files apply. An Ogg body must end with its last page (an Ogg stream cut at a page boundary
//! looks complete to the demuxer).
//!
//! | input | answer |
//! |---|---|
//! | 0-byte body | 400 `empty_body` |
//! | not audio, unknown container | 415 `not_audio` |
//! | a codec without a decoder (AC-3, WMA, ...) | 415 `unsupported_codec` |
//! | truncated or corrupt audio | 422 `bad_audio` |
//! | longer than the limit (or larger than the byte limit) | 413 `too_long` / `too_large` |

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use axum::http::StatusCode;
use resonance_io::IoError;
use resonance_io::decode::{Decoded, decode_file};
pub use resonance_io::decode::{Tags, read_tags};

use crate::error::AppError;

/// A decoded query: mono samples at the file's rate.
#[derive(Debug)]
pub struct QueryAudio {
    pub mono: Vec<f32>,
    pub sample_rate: f64,
    pub duration_s: f64,
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
        "audio/opus" => "opus",
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

/// Whether an Ogg stream (`bytes` starting with `OggS`) ends with a complete last page, the
/// one flagged end-of-stream: `None` when it does (or is not Ogg), else what is wrong.
fn ogg_incomplete(bytes: &[u8]) -> Option<&'static str> {
    // reading from memory cannot fail
    ogg_incomplete_in(bytes).unwrap_or(None)
}

/// [`ogg_incomplete`] over any reader, page by page (a file is never read whole).
fn ogg_incomplete_in<R: std::io::Read>(mut r: R) -> std::io::Result<Option<&'static str>> {
    const CUT: &str = "ends inside an Ogg page (truncated)";
    let mut header = [0u8; 27];
    let first = read_up_to(&mut r, &mut header)?;
    if first < 4 || &header[..4] != b"OggS" {
        return Ok(None);
    }
    let mut got = first;
    loop {
        if got < 27 || &header[..4] != b"OggS" {
            return Ok(Some(CUT));
        }
        let mut lacing = vec![0u8; usize::from(header[26])];
        if read_up_to(&mut r, &mut lacing)? < lacing.len() {
            return Ok(Some("ends inside an Ogg page header (truncated)"));
        }
        let body: u64 = lacing.iter().map(|&b| u64::from(b)).sum();
        if std::io::copy(&mut <&mut R as std::io::Read>::take(&mut r, body), &mut std::io::sink())? < body {
            return Ok(Some(CUT));
        }
        let eos = header[5] & 0x04 != 0;
        got = read_up_to(&mut r, &mut header)?;
        if got == 0 {
            return Ok(if eos { None } else { Some("ends without its last Ogg page (truncated, or a recording not stopped)") });
        }
    }
}

/// Fills `buf` as far as the reader goes: the bytes read (fewer only at the end).
fn read_up_to<R: std::io::Read>(r: &mut R, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// Refuses a 0-byte body and a cut Ogg stream before any decoding.
///
/// # Errors
/// 400 `empty_body`, 422 `bad_audio`.
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
    if let Some(why) = ogg_incomplete(bytes) {
        return Err(AppError::rejected(
            StatusCode::UNPROCESSABLE_ENTITY,
            "bad_audio",
            format!("the audio {why}; send the whole file ({} bytes arrived)", bytes.len()),
        ));
    }
    Ok(())
}

/// [`precheck`] for audio already written to `path` (an upload): the file is read page by
/// page, never whole, so an Ogg file of any size is checked to its last page.
///
/// # Errors
/// 400 `empty_body`, 422 `bad_audio`; 500 when the file cannot be read back.
pub fn precheck_file(path: &Path) -> Result<(), AppError> {
    let read_back = |e: std::io::Error| AppError::Internal(format!("cannot read back {} ({e})", path.display()));
    let len = std::fs::metadata(path).map_err(read_back)?.len();
    if len == 0 {
        return precheck(b"");
    }
    let file = std::fs::File::open(path).map_err(read_back)?;
    if let Some(why) = ogg_incomplete_in(std::io::BufReader::new(file)).map_err(read_back)? {
        return Err(AppError::rejected(
            StatusCode::UNPROCESSABLE_ENTITY,
            "bad_audio",
            format!("the audio {why}; send the whole file ({len} bytes arrived)"),
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
        // one complete page flagged end-of-stream, then the same page cut and unflagged
        let mut page = b"OggS\0\x04".to_vec();
        page.extend_from_slice(&[0; 20]);
        page.extend_from_slice(&[1, 3, b'a', b'b', b'c']);
        assert!(precheck(&page).is_ok());
        assert!(precheck(&page[..page.len() - 1]).is_err());
        page[5] = 0;
        assert!(precheck(&page).is_err());
        assert!(precheck(b"RIFF....WAVE").is_ok());
    }

    /// An Ogg file of several full pages (well over 64 KiB) passes when its last page is
    /// flagged end-of-stream, and is refused when cut inside a page or before its last page.
    #[test]
    fn a_long_ogg_file_is_checked_to_its_last_page() {
        let page = |eos: bool| {
            let mut p = b"OggS\0".to_vec();
            p.push(if eos { 0x04 } else { 0 });
            p.extend_from_slice(&[0; 20]);
            p.push(255);
            p.extend_from_slice(&[255; 255]);
            p.resize(p.len() + 255 * 255, 7);
            p
        };
        let mut whole = Vec::new();
        for i in 0..4 {
            whole.extend_from_slice(&page(i == 3));
        }
        assert!(whole.len() > 65_536, "more than the 64 KiB the check once read");
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ogg");
        std::fs::write(&path, &whole).unwrap();
        assert!(precheck_file(&path).is_ok());
        assert!(precheck(&whole).is_ok());
        std::fs::write(&path, &whole[..whole.len() - 10]).unwrap();
        let e = precheck_file(&path).unwrap_err();
        assert!(format!("{e:?}").contains("truncated"), "{e:?}");
        std::fs::write(&path, &whole[..3 * whole.len() / 4]).unwrap();
        assert!(precheck_file(&path).is_err(), "cut before the last page");
        std::fs::write(&path, b"").unwrap();
        assert!(precheck_file(&path).is_err());
    }
}
