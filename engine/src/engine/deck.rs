//! The music deck: a whole track (a Subsonic stream, a local file) played as the music bed,
//! decoded and resampled somewhere else and streamed in through a lock-free ring, mixed into
//! the music bus *before* the output stage — so the commentary ducking, the music level, the
//! dry/wet mix and the limiter treat it exactly like the generated music.
//!
//! Hand-over without allocating or freeing on the audio thread, as for clips
//! (`synth/clips.rs`): [`DeckSender::stream`] makes a ring pair off the audio thread; the
//! audio-thread end ([`DeckStream`], boxed) moves in through an SPSC queue with the play
//! message, and moves back out through a second queue when the deck is done with it, to be
//! dropped by [`DeckSender::collect_garbage`] on the sender's thread. At most
//! [`MAX_STREAMS`] streams are inside at once (the return queue's capacity), so the audio
//! thread's push back never fails.
//!
//! Mixing: a play fades the new track in and whatever played before out over the play's fade
//! (a crossfade), and fades the generated music to the play's `layer` level (0 = the track
//! instead of the generated music, 1 = layered over it). A stop, or the end of the track (the
//! feeder marked it finished and its ring ran dry), fades the generated music back: it is the
//! fallback whenever no track plays. A ring that runs dry before its end (the network is slow)
//! plays silence for the missing frames and counts them ([`DeckStatus::underruns`]).
//!
//! Timing: a play or stop carries a [`Quantize`]. `Immediate` starts the crossfade in the
//! block it arrives; `Beat`/`Bar`/`Phrase` hold it until the generated music's next beat,
//! bar or phrase (the [`DeckClock`] the engine passes each block, in output time, the clips'
//! convention), so the crossfade starts exactly on that sample (decision record 0071); the
//! boundary is looked up again every block, as the generated music's tempo may glide while
//! a message waits. A newer message replaces one still waiting. [`DeckSender::set_layer`] moves the generated
//! music's level under a playing track at once.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, Ordering};

use rtrb::{Consumer, Producer, RingBuffer};

use crate::types::{Quantize, SampleTime};

/// Streams that can be inside the deck at once (playing, fading out, queued).
pub const MAX_STREAMS: usize = 4;
/// Messages queued to the audio thread.
const QUEUE: usize = 16;

/// The feeder's end of one track's ring: interleaved stereo frames at the engine's rate.
pub struct DeckFeed {
    ring: Producer<f32>,
    finished: Arc<AtomicBool>,
    id: u32,
}

impl std::fmt::Debug for DeckFeed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeckFeed").field("id", &self.id).field("free", &self.ring.slots()).finish_non_exhaustive()
    }
}

impl DeckFeed {
    /// Frames that fit now.
    pub fn free_frames(&self) -> usize {
        self.ring.slots() / 2
    }

    /// Pushes as many whole frames of `left`/`right` as fit; returns how many.
    pub fn push(&mut self, left: &[f32], right: &[f32]) -> usize {
        let n = left.len().min(right.len()).min(self.free_frames());
        for (&a, &b) in left.iter().zip(right).take(n) {
            // cannot fail: `n` frames were free and only this end pushes
            let _ = self.ring.push(sanitize_sample(a));
            let _ = self.ring.push(sanitize_sample(b));
        }
        n
    }

    /// The track is complete: once its ring runs dry the deck ends it.
    pub fn finish(&self) {
        self.finished.store(true, Ordering::Release);
    }

    /// The deck let go of this track (replaced, stopped, ended): nothing more to feed.
    pub fn abandoned(&self) -> bool {
        self.ring.is_abandoned()
    }

    /// The number the sender gave this track.
    pub fn id(&self) -> u32 {
        self.id
    }
}

fn sanitize_sample(x: f32) -> f32 {
    if x.is_finite() { x.clamp(-4.0, 4.0) } else { 0.0 }
}

/// The audio thread's end of one track's ring.
pub struct DeckStream {
    ring: Consumer<f32>,
    finished: Arc<AtomicBool>,
    id: u32,
}

impl std::fmt::Debug for DeckStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeckStream").field("id", &self.id).finish_non_exhaustive()
    }
}

/// What the deck is doing, readable from any thread (relaxed atomics).
#[derive(Debug, Default)]
pub struct DeckStatus {
    /// The id of the track playing (fading in or steady), 0 when none.
    pub playing: AtomicU32,
    /// Frames of tracks played.
    pub frames: AtomicU64,
    /// Frames a track's ring did not have in time (silence played instead).
    pub underruns: AtomicU64,
    /// Tracks that played to their end.
    pub ended: AtomicU64,
    /// Peak of the deck's output (before the output stage) over the last block, as `f32` bits.
    pub peak_bits: AtomicU32,
    /// Output time at which the last play or stop started its crossfade (0: none yet).
    pub switched_at: AtomicU64,
    /// Output time a play or stop waits for (its beat, bar or phrase); 0 when none waits.
    pub waiting_for: AtomicU64,
}

impl DeckStatus {
    /// Peak of the deck's contribution over the last processed block (linear).
    pub fn peak(&self) -> f32 {
        f32::from_bits(self.peak_bits.load(Ordering::Relaxed))
    }
}

enum Msg {
    Play { stream: Box<DeckStream>, fade: f32, gain: f32, layer: f32, quantize: Quantize },
    Stop { fade: f32, quantize: Quantize },
    Layer { layer: f32, fade: f32 },
}

/// Where the generated music is, in output time (what the synth reports), for quantised
/// plays: now (the block's first sample) and its next beat, bar and phrase.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DeckClock {
    /// Output time of the block's first sample.
    pub now: SampleTime,
    /// Output time of the generated music's next beat.
    pub next_beat: SampleTime,
    /// Output time of its next bar line.
    pub next_bar: SampleTime,
    /// Output time of its next phrase (4 bars).
    pub next_phrase: SampleTime,
    /// How much later the music is heard than the generator decides it (its limiter's delay):
    /// a boundary less than this ahead has been passed by the generator already.
    pub latency: SampleTime,
}

impl DeckClock {
    fn start(&self, q: Quantize) -> SampleTime {
        match q {
            Quantize::Immediate => self.now,
            Quantize::Beat => self.next_beat.max(self.now),
            Quantize::Bar => self.next_bar.max(self.now),
            Quantize::Phrase => self.next_phrase.max(self.now),
        }
    }
}

/// A play or stop waiting for its boundary (`at`, recomputed each block from the clock: the
/// generated music's tempo may glide while it waits).
struct Waiting {
    msg: Msg,
    quantize: Quantize,
    at: SampleTime,
}

/// The sender's end (any thread but the audio thread).
pub struct DeckSender {
    queue: Producer<Msg>,
    freed: Consumer<Box<DeckStream>>,
    /// Streams sent minus streams returned.
    inside: usize,
    next_id: u32,
    sample_rate: f32,
    /// Shared with the audio thread.
    pub status: Arc<DeckStatus>,
}

impl std::fmt::Debug for DeckSender {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeckSender").field("inside", &self.inside).finish_non_exhaustive()
    }
}

/// The deck refused a message: its queue is full, or [`MAX_STREAMS`] are inside; collect
/// garbage and retry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeckBusy;

impl std::fmt::Display for DeckBusy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the music deck is busy (too many tracks changing at once); try again")
    }
}

impl std::error::Error for DeckBusy {}

impl DeckSender {
    /// A new track's ring of `seconds` at the engine's rate: the feeder's end and the deck's
    /// end (give it to [`DeckSender::play`]). Allocates: call off the audio thread.
    pub fn stream(&mut self, seconds: f32) -> (DeckFeed, Box<DeckStream>) {
        self.next_id = self.next_id.wrapping_add(1).max(1);
        let frames = (seconds.clamp(0.1, 60.0) * self.sample_rate) as usize;
        let (tx, rx) = RingBuffer::new(frames * 2);
        let finished = Arc::new(AtomicBool::new(false));
        let id = self.next_id;
        (DeckFeed { ring: tx, finished: Arc::clone(&finished), id }, Box::new(DeckStream { ring: rx, finished, id }))
    }

    /// Plays `stream`, crossfading from what plays over `fade_s` starting at `quantize` (the
    /// generated music's next beat, bar or phrase, or at once), at `gain_db`, with the
    /// generated music at `layer` (0..=1) under it.
    ///
    /// # Errors
    /// The stream back when the queue is full or too many streams are inside.
    pub fn play(
        &mut self,
        stream: Box<DeckStream>,
        fade_s: f32,
        gain_db: f32,
        layer: f32,
        quantize: Quantize,
    ) -> Result<(), Box<DeckStream>> {
        self.collect_garbage();
        if self.inside >= MAX_STREAMS || self.queue.slots() == 0 {
            return Err(stream);
        }
        let gain = if gain_db.is_finite() { 10f32.powf(gain_db.clamp(-60.0, 12.0) / 20.0) } else { 1.0 };
        let layer = if layer.is_finite() { layer.clamp(0.0, 1.0) } else { 0.0 };
        // cannot fail: a slot is free and only this end pushes
        if let Err(rtrb::PushError::Full(Msg::Play { stream, .. })) =
            self.queue.push(Msg::Play { stream, fade: self.fade_samples(fade_s), gain, layer, quantize })
        {
            return Err(stream);
        }
        self.inside += 1;
        Ok(())
    }

    /// Fades the track out over `fade_s` and the generated music back in, starting at
    /// `quantize`.
    ///
    /// # Errors
    /// [`DeckBusy`] when the queue is full.
    pub fn stop(&mut self, fade_s: f32, quantize: Quantize) -> Result<(), DeckBusy> {
        let fade = self.fade_samples(fade_s);
        self.queue.push(Msg::Stop { fade, quantize }).map_err(|_| DeckBusy)
    }

    /// Moves the generated music's level under a playing track to `layer` (0..=1) over
    /// `fade_s`, at once; the next play brings its own.
    ///
    /// # Errors
    /// [`DeckBusy`] when the queue is full.
    pub fn set_layer(&mut self, layer: f32, fade_s: f32) -> Result<(), DeckBusy> {
        let layer = if layer.is_finite() { layer.clamp(0.0, 1.0) } else { 0.0 };
        let fade = self.fade_samples(fade_s);
        self.queue.push(Msg::Layer { layer, fade }).map_err(|_| DeckBusy)
    }

    /// Drops the streams the deck handed back (here, not on the audio thread); how many.
    pub fn collect_garbage(&mut self) -> usize {
        let mut n = 0;
        while let Ok(s) = self.freed.pop() {
            drop(s);
            n += 1;
        }
        self.inside = self.inside.saturating_sub(n);
        n
    }

    fn fade_samples(&self, fade_s: f32) -> f32 {
        let s = if fade_s.is_finite() { fade_s.clamp(0.0, 30.0) } else { 0.0 };
        (s * self.sample_rate).max(1.0)
    }
}

/// One track on the audio thread, with its fade.
struct Slot {
    stream: Box<DeckStream>,
    gain: f32,
    /// Fade position 0..=1 and its step per sample (negative: fading out).
    fade: f32,
    step: f32,
}

/// The audio thread's end.
pub struct DeckPlayer {
    queue: Consumer<Msg>,
    freed: Producer<Box<DeckStream>>,
    cur: Option<Slot>,
    old: Option<Slot>,
    /// A play or stop waiting for its beat, bar or phrase.
    waiting: Option<Waiting>,
    /// Output time of the sample being rendered.
    time: SampleTime,
    /// Level of the generated music now, its target, and the step towards it per sample.
    layer: f32,
    layer_target: f32,
    layer_step: f32,
    /// Samples in a second (the bed's fade back after a track's end).
    second: f32,
    status: Arc<DeckStatus>,
}

impl std::fmt::Debug for DeckPlayer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DeckPlayer").field("playing", &self.cur.is_some()).finish_non_exhaustive()
    }
}

/// A connected sender and player for an engine at `sample_rate`. Allocates: call off the
/// audio thread (the engine does, in `prepare`).
pub fn channel(sample_rate: f32) -> (DeckSender, DeckPlayer) {
    let (qtx, qrx) = RingBuffer::new(QUEUE);
    let (ftx, frx) = RingBuffer::new(MAX_STREAMS + QUEUE);
    let status = Arc::new(DeckStatus::default());
    let sender =
        DeckSender { queue: qtx, freed: frx, inside: 0, next_id: 0, sample_rate: sample_rate.max(1.0), status: Arc::clone(&status) };
    let player = DeckPlayer {
        queue: qrx,
        freed: ftx,
        cur: None,
        old: None,
        waiting: None,
        time: 0,
        layer: 1.0,
        layer_target: 1.0,
        layer_step: 0.0,
        second: sample_rate.max(1.0),
        status,
    };
    (sender, player)
}

impl DeckPlayer {
    /// A track plays (or fades).
    ///
    /// # Realtime safety
    /// Real-time safe: reads two fields.
    pub fn active(&self) -> bool {
        self.cur.is_some() || self.old.is_some() || self.waiting.is_some()
    }

    /// Hands a stream back to the sender's thread. Never fails while at most
    /// [`MAX_STREAMS`] are inside (the sender's limit); were it full, the box would be
    /// leaked rather than freed here.
    fn release(&mut self, slot: Slot) {
        if let Err(rtrb::PushError::Full(s)) = self.freed.push(slot.stream) {
            std::mem::forget(s);
        }
    }

    /// Takes the queued messages: immediate ones apply now, quantised ones wait for their
    /// boundary (a newer one replaces one still waiting; a replaced play's ring goes back).
    fn drain(&mut self, clock: &DeckClock) {
        while let Ok(m) = self.queue.pop() {
            let quantize = match &m {
                Msg::Play { quantize, .. } | Msg::Stop { quantize, .. } => *quantize,
                Msg::Layer { layer, fade } => {
                    self.set_layer(if self.cur.is_some() { *layer } else { 1.0 }, *fade);
                    continue;
                }
            };
            if let Some(Waiting { msg: Msg::Play { stream, .. }, .. }) = self.waiting.take()
                && let Err(rtrb::PushError::Full(s)) = self.freed.push(stream)
            {
                std::mem::forget(s);
            }
            let at = clock.start(quantize);
            if at <= clock.now {
                self.apply(m, clock.now);
            } else {
                self.waiting = Some(Waiting { msg: m, quantize, at });
            }
        }
        self.status.waiting_for.store(self.waiting.as_ref().map_or(0, |w| w.at), Ordering::Relaxed);
    }

    /// Starts a play's or stop's crossfade at output time `at`.
    fn apply(&mut self, m: Msg, at: SampleTime) {
        match m {
            Msg::Play { stream, fade, gain, layer, .. } => {
                if let Some(o) = self.old.take() {
                    self.release(o);
                }
                self.old = self.cur.take().map(|s| Slot { step: -1.0 / fade, ..s });
                self.cur = Some(Slot { stream, gain, fade: 0.0, step: 1.0 / fade });
                self.set_layer(layer, fade);
            }
            Msg::Stop { fade, .. } => {
                if let Some(c) = self.cur.take() {
                    if let Some(o) = self.old.take() {
                        self.release(o);
                    }
                    self.old = Some(Slot { step: -1.0 / fade, ..c });
                }
                self.set_layer(1.0, fade);
            }
            Msg::Layer { .. } => {}
        }
        self.status.switched_at.store(at, Ordering::Relaxed);
        self.status.waiting_for.store(0, Ordering::Relaxed);
    }

    fn set_layer(&mut self, target: f32, fade: f32) {
        self.layer_target = target;
        self.layer_step = (target - self.layer).abs() / fade;
    }

    /// Adds the deck to the music bus `l`/`r` (the generated music, scaled by the layer
    /// level); `clock` says where the generated music is (output time of `l[0]` and its next
    /// boundaries).
    ///
    /// # Realtime safety
    /// Real-time safe: pops from lock-free rings and pushes spent rings back (never frees);
    /// no allocation, lock, I/O or panic.
    pub fn render(&mut self, l: &mut [f32], r: &mut [f32], clock: &DeckClock) {
        self.time = clock.now;
        // look the boundary up again while the generator has not reached it (after that, the
        // clock already names the one after)
        if let Some(w) = self.waiting.as_mut()
            && w.at > clock.now.saturating_add(clock.latency)
        {
            w.at = clock.start(w.quantize);
        }
        self.drain(clock);
        let n = l.len().min(r.len());
        if !self.active() && self.layer == self.layer_target {
            self.status.peak_bits.store(0, Ordering::Relaxed);
            if self.layer == 1.0 {
                return;
            }
        }
        let mut peak = 0.0f32;
        let mut missing = 0u64;
        let mut played = 0u64;
        for (ol, or) in l.iter_mut().zip(r.iter_mut()).take(n) {
            if self.waiting.as_ref().is_some_and(|w| w.at <= self.time)
                && let Some(w) = self.waiting.take()
            {
                self.apply(w.msg, self.time);
            }
            self.time += 1;
            if self.layer != self.layer_target {
                self.layer = if self.layer < self.layer_target {
                    (self.layer + self.layer_step).min(self.layer_target)
                } else {
                    (self.layer - self.layer_step).max(self.layer_target)
                };
            }
            let (mut dl, mut dr) = (0.0, 0.0);
            for slot in [&mut self.cur, &mut self.old].into_iter().flatten() {
                slot.fade = (slot.fade + slot.step).clamp(0.0, 1.0);
                if slot.stream.ring.slots() >= 2 {
                    let a = slot.stream.ring.pop().unwrap_or(0.0);
                    let b = slot.stream.ring.pop().unwrap_or(0.0);
                    // an equal-power-ish crossfade: sin-shaped, cheap
                    let g = slot.gain * slot.fade * slot.fade * (3.0 - 2.0 * slot.fade);
                    dl += a * g;
                    dr += b * g;
                    played += 1;
                } else if !slot.stream.finished.load(Ordering::Acquire) {
                    missing += 1;
                }
            }
            peak = peak.max(dl.abs()).max(dr.abs());
            *ol = *ol * self.layer + dl;
            *or = *or * self.layer + dr;
        }
        self.retire();
        self.status.peak_bits.store(peak.to_bits(), Ordering::Relaxed);
        self.status.frames.fetch_add(played, Ordering::Relaxed);
        if missing > 0 {
            self.status.underruns.fetch_add(missing, Ordering::Relaxed);
        }
    }

    /// Hands back a track that faded out, and ends the current one when it is complete and
    /// played out (the generated music fades back in over a second).
    fn retire(&mut self) {
        if self.old.as_ref().is_some_and(|o| o.fade <= 0.0)
            && let Some(o) = self.old.take()
        {
            self.release(o);
        }
        let done = self.cur.as_ref().is_some_and(|c| c.stream.finished.load(Ordering::Acquire) && c.stream.ring.slots() < 2);
        if done && let Some(c) = self.cur.take() {
            self.status.ended.fetch_add(1, Ordering::Relaxed);
            self.release(c);
            self.set_layer(1.0, self.second);
        }
        self.status.playing.store(self.cur.as_ref().map_or(0, |c| c.stream.id), Ordering::Relaxed);
    }

    /// Hands every stream back (the engine's reset).
    ///
    /// # Realtime safety
    /// Real-time safe, as [`DeckPlayer::render`].
    pub fn reset(&mut self) {
        self.drain(&DeckClock::default());
        if let Some(Waiting { msg: Msg::Play { stream, .. }, .. }) = self.waiting.take()
            && let Err(rtrb::PushError::Full(s)) = self.freed.push(stream)
        {
            std::mem::forget(s);
        }
        for s in [self.cur.take(), self.old.take()].into_iter().flatten() {
            self.release(s);
        }
        self.status.waiting_for.store(0, Ordering::Relaxed);
        self.layer = 1.0;
        self.layer_target = 1.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(p: &mut DeckPlayer, blocks: usize, bed: f32) -> (Vec<f32>, Vec<f32>) {
        run_at(p, blocks, bed, 0, u64::MAX)
    }

    /// Renders `blocks` of 64 from output time `t0`, with the next phrase at `phrase` (and
    /// beats/bars there too).
    fn run_at(p: &mut DeckPlayer, blocks: usize, bed: f32, t0: u64, phrase: u64) -> (Vec<f32>, Vec<f32>) {
        let (mut ol, mut or) = (Vec::new(), Vec::new());
        for b in 0..blocks {
            let mut l = [bed; 64];
            let mut r = [bed; 64];
            let now = t0 + 64 * b as u64;
            p.render(&mut l, &mut r, &DeckClock { now, next_beat: phrase, next_bar: phrase, next_phrase: phrase, latency: 0 });
            ol.extend_from_slice(&l);
            or.extend_from_slice(&r);
        }
        (ol, or)
    }

    #[test]
    fn a_track_replaces_the_bed_then_the_bed_returns_at_its_end() {
        let (mut tx, mut p) = channel(1000.0);
        let (mut feed, stream) = tx.stream(2.0);
        assert_eq!(feed.push(&[0.5; 640], &[-0.5; 640]), 640);
        feed.finish();
        tx.play(stream, 0.064, 0.0, 0.0, Quantize::Immediate).unwrap();
        let (l, r) = run(&mut p, 4, 0.1);
        // after the 64-sample fade: the track alone, the bed faded to 0
        assert!((l[100] - 0.5).abs() < 1e-6 && (r[100] + 0.5).abs() < 1e-6, "{} {}", l[100], r[100]);
        assert!(tx.status.playing.load(Ordering::Relaxed) == feed.id());
        let (l, _) = run(&mut p, 40, 0.1);
        // 640 frames played, then the track ended and the bed came back
        assert_eq!(tx.status.ended.load(Ordering::Relaxed), 1);
        assert_eq!(tx.status.frames.load(Ordering::Relaxed), 640);
        assert!((l[l.len() - 1] - 0.1).abs() < 1e-6, "bed back: {}", l[l.len() - 1]);
        assert_eq!(tx.collect_garbage(), 1);
        assert!(feed.abandoned(), "the deck let go of the ring");
        assert_eq!(tx.status.underruns.load(Ordering::Relaxed), 0);
    }

    #[test]
    fn a_second_track_crossfades_and_an_empty_ring_counts_underruns() {
        let (mut tx, mut p) = channel(1000.0);
        let (mut a, sa) = tx.stream(2.0);
        a.push(&[1.0; 1000], &[1.0; 1000]);
        tx.play(sa, 0.0, 0.0, 0.0, Quantize::Immediate).unwrap();
        run(&mut p, 2, 0.0);
        let (b, sb) = tx.stream(2.0);
        tx.play(sb, 0.128, -6.0, 0.0, Quantize::Immediate).unwrap();
        let (l, _) = run(&mut p, 4, 0.0);
        // the first track fades from 1 towards 0 while the empty second one counts underruns
        assert!(l[0] > 0.9 && l[127] < 0.05 && l[200] == 0.0, "{} {} {}", l[0], l[127], l[200]);
        assert!(tx.status.underruns.load(Ordering::Relaxed) >= 128);
        assert_eq!(tx.status.playing.load(Ordering::Relaxed), b.id());
        tx.stop(0.0, Quantize::Immediate).unwrap();
        run(&mut p, 1, 0.0);
        assert_eq!(tx.collect_garbage(), 2);
        assert!(a.abandoned());
    }

    #[test]
    fn the_sender_refuses_more_streams_than_can_come_back() {
        let (mut tx, _p) = channel(1000.0);
        for _ in 0..MAX_STREAMS {
            let (_f, s) = tx.stream(0.1);
            tx.play(s, 0.0, 0.0, 0.0, Quantize::Immediate).unwrap();
        }
        let (_f, s) = tx.stream(0.1);
        assert!(tx.play(s, 0.0, 0.0, 0.0, Quantize::Immediate).is_err());
    }

    #[test]
    fn a_phrase_play_waits_for_the_phrase_and_a_newer_one_replaces_it() {
        let (mut tx, mut p) = channel(1000.0);
        let (mut a, sa) = tx.stream(2.0);
        a.push(&[0.5; 1000], &[0.5; 1000]);
        tx.play(sa, 0.0, 0.0, 0.0, Quantize::Phrase).unwrap();
        // the phrase starts at output time 1000 + 100: the bed alone until then, the track from it
        let (l, _) = run_at(&mut p, 4, 0.1, 1000, 1100);
        assert_eq!(tx.status.waiting_for.load(Ordering::Relaxed), 0);
        assert_eq!(tx.status.switched_at.load(Ordering::Relaxed), 1100);
        assert!(l[..100].iter().all(|&x| x == 0.1), "the bed until the phrase");
        assert!(l[100..].iter().all(|&x| (x - 0.5).abs() < 1e-6), "the track from the phrase: {}", l[100]);
        // a phrase stop replaced by a newer play before its boundary: the first never happens
        tx.stop(0.0, Quantize::Phrase).unwrap();
        let (mut b, sb) = tx.stream(2.0);
        b.push(&[0.25; 1000], &[0.25; 1000]);
        tx.play(sb, 0.0, 0.0, 0.0, Quantize::Phrase).unwrap();
        let (l, _) = run_at(&mut p, 2, 0.1, 2000, 2010);
        assert_eq!(tx.status.switched_at.load(Ordering::Relaxed), 2010);
        assert!((l[9] - 0.5).abs() < 1e-6 && (l[10] - 0.25).abs() < 1e-6, "{} {}", l[9], l[10]);
        assert_eq!(tx.status.playing.load(Ordering::Relaxed), b.id());
        // the layer: the bed comes back under the track at once
        tx.set_layer(1.0, 0.0).unwrap();
        let (l, _) = run_at(&mut p, 1, 0.1, 3000, u64::MAX);
        assert!((l[5] - 0.35).abs() < 1e-6, "{}", l[5]);
    }
}
