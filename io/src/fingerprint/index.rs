//! The fingerprint index (non-real-time): tracks, sorted landmark postings, on-disk format.
//!
//! In memory the postings are three flat arrays sorted by `(hash, track, frame)` plus a
//! directory of bucket offsets on the top 16 hash bits, so a lookup is one directory read and
//! a short binary search. On disk (format version 1, little endian):
//!
//! ```text
//! magic "RSNFPIDX" | version u32 | hasher id u32 | payload length u64 | FNV-1a 64 of payload u64
//! payload: track count, then per track name, path, title, artist (varint length + UTF-8; an
//!          absent tag has length 0), duration f64, frames u32;
//!          entry count, then per entry (sorted) varint hash delta, varint track, varint frame
//! ```
//!
//! A file with another magic, another version, another hasher id (the index was built with
//! different analysis parameters) or a bad checksum is refused with a clear [`IoError`].
//! With the `decode` feature, [`build_entries`] and [`Index::add_files`] hash files offline with
//! the very [`Hasher`](super::Hasher) the engine runs.

use std::io::Write;
use std::path::{Path, PathBuf};

use resonance_engine::Landmark;
use resonance_engine::fingerprint::{FFT_LEN, HASH_BITS, HOP};

use super::put_varint;
use crate::IoError;

const MAGIC: &[u8; 8] = b"RSNFPIDX";
/// On-disk format version.
pub const FORMAT_VERSION: u32 = 1;
/// Identifies the hasher parameters the postings were made with.
pub const HASHER_ID: u32 = 0x0100_0000 | ((FFT_LEN as u32) << 12) | (HOP as u32) | (HASH_BITS << 20);
const HEADER_LEN: usize = 8 + 4 + 4 + 8 + 8;
const DIR_BITS: u32 = 16;

/// What the index knows about one track.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct TrackInfo {
    /// File stem: the name `identify` reports.
    pub name: String,
    /// Path the track was indexed from.
    pub path: String,
    /// Title tag, if the file had one.
    pub title: Option<String>,
    /// Artist tag, if the file had one.
    pub artist: Option<String>,
    /// Duration in seconds.
    pub duration_s: f64,
    /// Analysis frames hashed.
    pub frames: u32,
}

/// Landmark index: tracks plus postings sorted by hash.
#[derive(Clone, Debug, Default)]
pub struct Index {
    tracks: Vec<TrackInfo>,
    hashes: Vec<u32>,
    track_of: Vec<u32>,
    frame_of: Vec<u32>,
    dir: Vec<u32>,
    total_frames: u64,
}

fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// Cursor over the payload; every read is bounds-checked.
struct Reader<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = *self.buf.get(self.pos)?;
            self.pos += 1;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }

    fn bytes(&mut self, n: usize) -> Option<&[u8]> {
        let s = self.buf.get(self.pos..self.pos.checked_add(n)?)?;
        self.pos += n;
        Some(s)
    }

    fn string(&mut self) -> Option<String> {
        let n = usize::try_from(self.varint()?).ok()?;
        String::from_utf8(self.bytes(n)?.to_vec()).ok()
    }
}

impl Index {
    /// An empty index.
    pub fn new() -> Self {
        let mut s = Self::default();
        s.rebuild_dir();
        s
    }

    /// Every track, by id.
    pub fn tracks(&self) -> &[TrackInfo] {
        &self.tracks
    }

    /// The track with this id.
    pub fn track(&self, id: u32) -> Option<&TrackInfo> {
        self.tracks.get(id as usize)
    }

    /// Number of postings (landmarks stored).
    pub fn len(&self) -> usize {
        self.hashes.len()
    }

    /// Whether the index holds no tracks.
    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }

    /// Sum of the tracks' analysis frames: the number of (track, offset) cells a query's votes
    /// can fall into, which sets the matcher's chance-match rate.
    pub fn total_frames(&self) -> u64 {
        self.total_frames
    }

    /// Total indexed audio in seconds.
    pub fn total_duration_s(&self) -> f64 {
        self.tracks.iter().map(|t| t.duration_s).sum()
    }

    /// Positions in the posting arrays of every hash in `lo..=hi`, which must share a
    /// directory bucket (be equal above the low `HASH_BITS - DIR_BITS` bits): one directory
    /// lookup and two binary searches. Empty when `lo > hi` or the buckets differ.
    fn hash_range(&self, lo: u32, hi: u32) -> std::ops::Range<usize> {
        let b = (lo >> (HASH_BITS - DIR_BITS)) as usize;
        if lo > hi || (hi >> (HASH_BITS - DIR_BITS)) as usize != b {
            return 0..0;
        }
        let start_b = self.dir.get(b).copied().unwrap_or(0) as usize;
        let end_b = self.dir.get(b + 1).copied().unwrap_or(0) as usize;
        let bucket = self.hashes.get(start_b..end_b).unwrap_or(&[]);
        let start = bucket.partition_point(|&h| h < lo);
        let end = start + bucket.get(start..).unwrap_or(&[]).partition_point(|&h| h <= hi);
        start_b + start..start_b + end
    }

    /// Postings of `hash`: `(track, frame)` pairs.
    pub fn postings(&self, hash: u32) -> impl Iterator<Item = (u32, u32)> + '_ {
        let (tracks, frames) = self.posting_slices(hash);
        tracks.iter().copied().zip(frames.iter().copied())
    }

    /// Postings of `hash` as slices of tracks and frames (one lookup for count and content).
    pub fn posting_slices(&self, hash: u32) -> (&[u32], &[u32]) {
        let (_, tracks, frames) = self.posting_range(hash, hash);
        (tracks, frames)
    }

    /// Postings of every hash in `lo..=hi` (both in the same directory bucket, that is equal
    /// above the low `HASH_BITS - DIR_BITS` bits) as slices of hashes, tracks and frames,
    /// sorted by hash: one directory lookup and two binary searches for a run of neighbouring
    /// hashes (the matcher's `dt - 1 ..= dt + 1`). Empty when `lo > hi` or the bucket differs.
    pub fn posting_range(&self, lo: u32, hi: u32) -> (&[u32], &[u32], &[u32]) {
        let range = self.hash_range(lo, hi);
        (
            self.hashes.get(range.clone()).unwrap_or(&[]),
            self.track_of.get(range.clone()).unwrap_or(&[]),
            self.frame_of.get(range).unwrap_or(&[]),
        )
    }

    /// Number of postings of `hash`.
    pub fn posting_count(&self, hash: u32) -> usize {
        self.hash_range(hash, hash).len()
    }

    /// Finds a track by name (file stem) or by the path it was indexed from.
    pub fn find(&self, name_or_path: &str) -> Option<u32> {
        self.tracks.iter().position(|t| t.name == name_or_path || t.path == name_or_path).map(|i| i as u32)
    }

    /// Adds tracks with their (index-side) landmarks. A track whose path is already indexed
    /// is replaced. Returns the ids of the added tracks.
    pub fn add_tracks(&mut self, items: Vec<(TrackInfo, Vec<Landmark>)>) -> Vec<u32> {
        for (info, _) in &items {
            if let Some(old) = self.tracks.iter().position(|t| t.path == info.path) {
                self.remove_track(old as u32);
            }
        }
        let mut entries: Vec<(u32, u32, u32)> =
            (0..self.hashes.len()).map(|i| (self.hashes[i], self.track_of[i], self.frame_of[i])).collect();
        let mut ids = Vec::with_capacity(items.len());
        for (info, lms) in items {
            let id = self.tracks.len() as u32;
            ids.push(id);
            self.tracks.push(info);
            entries.extend(lms.iter().map(|l| (l.hash & ((1 << HASH_BITS) - 1), id, l.frame)));
        }
        self.set_entries(entries);
        ids
    }

    /// Removes track `id`; later ids shift down by one. Returns false for an unknown id.
    pub fn remove_track(&mut self, id: u32) -> bool {
        if id as usize >= self.tracks.len() {
            return false;
        }
        self.tracks.remove(id as usize);
        let entries = (0..self.hashes.len())
            .filter(|&i| self.track_of[i] != id)
            .map(|i| (self.hashes[i], if self.track_of[i] > id { self.track_of[i] - 1 } else { self.track_of[i] }, self.frame_of[i]))
            .collect();
        self.set_entries(entries);
        true
    }

    fn set_entries(&mut self, mut entries: Vec<(u32, u32, u32)>) {
        entries.sort_unstable();
        entries.dedup();
        self.hashes = entries.iter().map(|e| e.0).collect();
        self.track_of = entries.iter().map(|e| e.1).collect();
        self.frame_of = entries.iter().map(|e| e.2).collect();
        self.rebuild_dir();
    }

    fn rebuild_dir(&mut self) {
        let n = 1usize << DIR_BITS;
        let mut dir = vec![0u32; n + 1];
        for &h in &self.hashes {
            let b = ((h >> (HASH_BITS - DIR_BITS)) as usize).min(n - 1);
            dir[b + 1] += 1;
        }
        for b in 0..n {
            dir[b + 1] += dir[b];
        }
        self.dir = dir;
        self.total_frames = self.tracks.iter().map(|t| u64::from(t.frames)).sum();
    }

    /// Serialises the index (format version [`FORMAT_VERSION`]).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut payload = Vec::with_capacity(16 + self.hashes.len() * 5);
        put_varint(&mut payload, self.tracks.len() as u64);
        for t in &self.tracks {
            put_str(&mut payload, &t.name);
            put_str(&mut payload, &t.path);
            put_str(&mut payload, t.title.as_deref().unwrap_or(""));
            put_str(&mut payload, t.artist.as_deref().unwrap_or(""));
            payload.extend_from_slice(&t.duration_s.to_le_bytes());
            payload.extend_from_slice(&t.frames.to_le_bytes());
        }
        put_varint(&mut payload, self.hashes.len() as u64);
        let mut prev = 0u32;
        for i in 0..self.hashes.len() {
            put_varint(&mut payload, u64::from(self.hashes[i] - prev));
            prev = self.hashes[i];
            put_varint(&mut payload, u64::from(self.track_of[i]));
            put_varint(&mut payload, u64::from(self.frame_of[i]));
        }
        let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&HASHER_ID.to_le_bytes());
        out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        out.extend_from_slice(&fnv1a64(&payload).to_le_bytes());
        out.extend_from_slice(&payload);
        out
    }

    /// Parses an index; `path` is only used in error messages.
    ///
    /// # Errors
    /// [`IoError::Index`] for a foreign, truncated, corrupt, newer or incompatible file.
    pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<Self, IoError> {
        let err = |message: &str| IoError::Index { path: path.to_path_buf(), message: message.to_string() };
        let rebuild = "rebuild it with `resonance index PATH... --db DB`";
        if bytes.len() < HEADER_LEN || &bytes[..8] != MAGIC {
            return Err(err(&format!(
                "not a Resonance fingerprint index (wrong magic); pass a file made by `resonance index` or {rebuild}"
            )));
        }
        let u32_at = |o: usize| u32::from_le_bytes([bytes[o], bytes[o + 1], bytes[o + 2], bytes[o + 3]]);
        let u64_at = |o: usize| {
            let mut b = [0u8; 8];
            b.copy_from_slice(&bytes[o..o + 8]);
            u64::from_le_bytes(b)
        };
        let version = u32_at(8);
        if version != FORMAT_VERSION {
            return Err(err(&format!(
                "index format version {version} is not supported (this build reads version {FORMAT_VERSION}); {rebuild}"
            )));
        }
        if u32_at(12) != HASHER_ID {
            return Err(err(&format!("index was built with different fingerprint parameters; {rebuild}")));
        }
        let len = usize::try_from(u64_at(16)).unwrap_or(usize::MAX);
        let payload = bytes.get(HEADER_LEN..).unwrap_or(&[]);
        if payload.len() != len {
            return Err(err(&format!("index is truncated or has trailing data ({} of {len} payload bytes); {rebuild}", payload.len())));
        }
        if fnv1a64(payload) != u64_at(24) {
            return Err(err(&format!("index checksum mismatch: the file is corrupt; {rebuild}")));
        }
        let corrupt = || err(&format!("index payload is malformed; {rebuild}"));
        let mut r = Reader { buf: payload, pos: 0 };
        let n_tracks = usize::try_from(r.varint().ok_or_else(corrupt)?).map_err(|_| corrupt())?;
        if n_tracks > payload.len() {
            return Err(corrupt());
        }
        let mut tracks = Vec::with_capacity(n_tracks);
        for _ in 0..n_tracks {
            let name = r.string().ok_or_else(corrupt)?;
            let path = r.string().ok_or_else(corrupt)?;
            let title = r.string().ok_or_else(corrupt)?;
            let artist = r.string().ok_or_else(corrupt)?;
            let d = r.bytes(8).ok_or_else(corrupt)?;
            let mut b = [0u8; 8];
            b.copy_from_slice(d);
            let duration_s = f64::from_le_bytes(b);
            let f = r.bytes(4).ok_or_else(corrupt)?;
            let frames = u32::from_le_bytes([f[0], f[1], f[2], f[3]]);
            let opt = |s: String| if s.is_empty() { None } else { Some(s) };
            tracks.push(TrackInfo { name, path, title: opt(title), artist: opt(artist), duration_s, frames });
        }
        let n = usize::try_from(r.varint().ok_or_else(corrupt)?).map_err(|_| corrupt())?;
        if n > payload.len() {
            return Err(corrupt());
        }
        let (mut hashes, mut track_of, mut frame_of) = (Vec::with_capacity(n), Vec::with_capacity(n), Vec::with_capacity(n));
        let mut h = 0u64;
        for _ in 0..n {
            // checked: a hostile delta would overflow (a panic in debug, a wrap past the
            // range check in release; found by the `io_index` fuzz target)
            h = h.checked_add(r.varint().ok_or_else(corrupt)?).ok_or_else(corrupt)?;
            let t = r.varint().ok_or_else(corrupt)?;
            let f = r.varint().ok_or_else(corrupt)?;
            if h >= 1 << HASH_BITS || t >= n_tracks as u64 || f > u64::from(u32::MAX) {
                return Err(corrupt());
            }
            hashes.push(h as u32);
            track_of.push(t as u32);
            frame_of.push(f as u32);
        }
        if r.pos != payload.len() {
            return Err(corrupt());
        }
        let mut index = Self { tracks, hashes, track_of, frame_of, dir: Vec::new(), total_frames: 0 };
        index.rebuild_dir();
        Ok(index)
    }

    /// Loads an index file.
    ///
    /// # Errors
    /// [`IoError::Io`] when it cannot be read, [`IoError::Index`] when it is not a
    /// valid index.
    pub fn load(path: &Path) -> Result<Self, IoError> {
        let bytes = std::fs::read(path).map_err(|cause| IoError::Io { path: path.to_path_buf(), cause })?;
        Self::from_bytes(&bytes, path)
    }

    /// Writes the index atomically (temporary file + rename). Returns the bytes written.
    ///
    /// # Errors
    /// [`IoError::Io`] when the file cannot be written.
    pub fn save(&self, path: &Path) -> Result<u64, IoError> {
        let io = |cause| IoError::Io { path: path.to_path_buf(), cause };
        let bytes = self.to_bytes();
        let tmp: PathBuf = {
            let mut s = path.as_os_str().to_owned();
            s.push(".tmp");
            s.into()
        };
        let mut f = std::fs::File::create(&tmp).map_err(io)?;
        f.write_all(&bytes).map_err(io)?;
        f.sync_all().map_err(io)?;
        drop(f);
        std::fs::rename(&tmp, path).map_err(io)?;
        Ok(bytes.len() as u64)
    }
}

mod build {
    use std::path::Path;

    use resonance_engine::Landmark;
    use resonance_engine::fingerprint::{FRAME_S, Hasher, HasherConfig};

    use super::{Index, TrackInfo};
    use crate::IoError;

    /// Decodes and hashes one file for the index (index-side hasher configuration), chunk by
    /// chunk: the memory it needs does not grow with the file (decision record 0023). The
    /// landmarks are those of [`landmarks_of`](crate::fingerprint::landmarks_of) over the whole
    /// decoded file, bit for bit (the hasher's output does not depend on how its input is split).
    ///
    /// # Errors
    /// Whatever [`crate::decode::DecodeStream`] reports for a missing, non-audio, corrupt or
    /// truncated file.
    pub fn build_entries(path: &Path) -> Result<(TrackInfo, Vec<Landmark>), IoError> {
        let mut stream = crate::decode::DecodeStream::open(path)?;
        let rate = stream.sample_rate();
        let mut hasher = Hasher::with_config(f64::from(rate), HasherConfig::index());
        let mut lms = Vec::new();
        let mut mono = Vec::with_capacity(crate::decode::MAX_CHUNK_FRAMES);
        while let Some(chunk) = stream.next_chunk()? {
            mono.clear();
            crate::decode::mono_into(chunk, &mut mono);
            hasher.process(&mono, &mut |l| lms.push(l));
        }
        hasher.flush(&mut |l| lms.push(l));
        let duration_s = stream.progress().0 as f64 / f64::from(stream.sample_rate().max(1));
        let crate::decode::Tags { title, artist, .. } = crate::decode::read_tags(path);
        let info = TrackInfo {
            name: path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default(),
            path: path.to_string_lossy().into_owned(),
            title,
            artist,
            duration_s,
            frames: (duration_s / FRAME_S).ceil() as u32,
        };
        Ok((info, lms))
    }

    impl Index {
        /// Hashes `paths` in parallel (rayon) and adds the ones that decode. `progress` is
        /// called once per file, from worker threads, with the file and its outcome; files
        /// that fail are reported there and skipped.
        pub fn add_files(
            &mut self,
            paths: &[std::path::PathBuf],
            progress: &(dyn Fn(&Path, Result<&TrackInfo, &IoError>) + Sync),
        ) -> Vec<u32> {
            use rayon::prelude::*;
            let built: Vec<_> = paths
                .par_iter()
                .filter_map(|p| {
                    let r = build_entries(p);
                    match &r {
                        Ok((info, _)) => progress(p, Ok(info)),
                        Err(e) => progress(p, Err(e)),
                    }
                    r.ok()
                })
                .collect();
            self.add_tracks(built)
        }
    }
}

pub use build::build_entries;

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Index {
        let mut idx = Index::new();
        let info = |n: &str| TrackInfo {
            name: n.into(),
            path: format!("/x/{n}.ogg"),
            title: Some("T".into()),
            artist: None,
            duration_s: 10.0,
            frames: 625,
        };
        idx.add_tracks(vec![
            (info("a"), vec![Landmark { hash: 5, frame: 1 }, Landmark { hash: 70000, frame: 2 }]),
            (info("b"), vec![Landmark { hash: 5, frame: 9 }]),
        ]);
        idx
    }

    #[test]
    fn round_trip_and_lookup() {
        let idx = sample();
        let back = Index::from_bytes(&idx.to_bytes(), Path::new("x")).unwrap();
        assert_eq!(back.tracks(), idx.tracks());
        assert_eq!(back.postings(5).collect::<Vec<_>>(), vec![(0, 1), (1, 9)]);
        assert_eq!(back.postings(70000).collect::<Vec<_>>(), vec![(0, 2)]);
        assert_eq!(back.posting_count(6), 0);
        assert_eq!(back.posting_slices(5), (&[0, 1][..], &[1, 9][..]));
        assert_eq!(back.posting_slices(6).0.len(), 0);
    }

    /// A range lookup returns the concatenation of the single-hash lookups, sorted by hash.
    #[test]
    fn range_lookup_concatenates_neighbouring_hashes() {
        let mut idx = Index::new();
        let info = |n: &str| TrackInfo { name: n.into(), path: n.into(), frames: 100, ..TrackInfo::default() };
        let lms = |k: u32| (0..40).map(|i| Landmark { hash: (i * 7 + k) % 13 + 64, frame: i + k }).collect::<Vec<_>>();
        idx.add_tracks(vec![(info("a"), lms(0)), (info("b"), lms(3))]);
        for lo in 64..80 {
            for hi in lo..lo + 4 {
                let (h, t, f) = idx.posting_range(lo, hi);
                let mut want = (Vec::new(), Vec::new(), Vec::new());
                for x in lo..=hi {
                    let (ts, fs) = idx.posting_slices(x);
                    want.0.extend(std::iter::repeat_n(x, ts.len()));
                    want.1.extend_from_slice(ts);
                    want.2.extend_from_slice(fs);
                }
                assert_eq!((h.to_vec(), t.to_vec(), f.to_vec()), want, "{lo}..={hi}");
            }
        }
        assert!(idx.posting_range(66, 70).0.len() > 10);
        assert!(idx.posting_range(70, 66).0.is_empty());
        // Different directory buckets: refused rather than half answered.
        assert!(idx.posting_range(64, 2 << (HASH_BITS - DIR_BITS)).0.is_empty());
    }

    #[test]
    fn remove_shifts_ids() {
        let mut idx = sample();
        assert!(idx.remove_track(0));
        assert_eq!(idx.tracks().len(), 1);
        assert_eq!(idx.postings(5).collect::<Vec<_>>(), vec![(0, 9)]);
        assert!(idx.postings(70000).next().is_none());
    }

    #[test]
    fn corrupt_and_foreign_files_are_refused() {
        let bytes = sample().to_bytes();
        let p = Path::new("db");
        let mut flipped = bytes.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        let e = Index::from_bytes(&flipped, p).unwrap_err().to_string();
        assert!(e.contains("checksum"), "{e}");
        let e = Index::from_bytes(&bytes[..bytes.len() - 3], p).unwrap_err().to_string();
        assert!(e.contains("truncated"), "{e}");
        let e = Index::from_bytes(b"RIFF....WAVEfmt and more bytes here", p).unwrap_err().to_string();
        assert!(e.contains("magic"), "{e}");
        let mut v2 = bytes;
        v2[8] = 9;
        let e = Index::from_bytes(&v2, p).unwrap_err().to_string();
        assert!(e.contains("version"), "{e}");
    }

    /// Found by the `io_index` fuzz target: a hash delta near `u64::MAX` overflowed the running
    /// hash (a panic in a debug build; in release it wrapped back under the range check and
    /// the index loaded unsorted). It is refused as malformed.
    #[test]
    fn overflowing_hash_deltas_are_refused() {
        let mut payload = Vec::new();
        put_varint(&mut payload, 1);
        for s in ["a", "/a.ogg", "", ""] {
            put_str(&mut payload, s);
        }
        payload.extend_from_slice(&1.0f64.to_le_bytes());
        payload.extend_from_slice(&10u32.to_le_bytes());
        put_varint(&mut payload, 2);
        for (dh, t, f) in [(5u64, 0u64, 1u64), (u64::MAX - 2, 0, 2)] {
            put_varint(&mut payload, dh);
            put_varint(&mut payload, t);
            put_varint(&mut payload, f);
        }
        let mut bytes = Vec::new();
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        bytes.extend_from_slice(&HASHER_ID.to_le_bytes());
        bytes.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        bytes.extend_from_slice(&fnv1a64(&payload).to_le_bytes());
        bytes.extend_from_slice(&payload);
        let e = Index::from_bytes(&bytes, Path::new("db")).unwrap_err().to_string();
        assert!(e.contains("malformed"), "{e}");
    }
}
