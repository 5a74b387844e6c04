//! On-air clips: sample voices that play decoded clips (goal horns, jingles) handed in from
//! outside the audio thread, started on the music's next beat or bar (or at once), mixed on
//! the stinger bus so the bed ducks under them as under a stinger, then through the output
//! stage and the processor's commentary ducking like all the music.
//!
//! Hand-over without allocating or freeing on the audio thread: a clip is decoded and
//! resampled elsewhere into a [`ClipData`] (a `Box`), and moved in through an SPSC queue
//! ([`ClipSender::load`]); moving a `Box` through `rtrb` neither allocates nor frees. A
//! buffer the bank no longer needs (replaced, unloaded, or its last voice ended) is moved out
//! through a second queue and dropped by [`ClipSender::collect_garbage`] on the sender's
//! thread. The sender never has more buffers inside the bank than that queue holds
//! ([`ClipSender::load`] refuses beyond it), so the audio thread's push never fails.
//!
//! Messages (loads, plays, stops, unloads) share one queue, so a load followed by a play is
//! seen in that order in the same block. What happened comes back as [`ClipEvent`]s.
//!
//! Timing: a play with [`Quantize::Beat`]/[`Quantize::Bar`] starts at the sequencer's next
//! beat/bar (render time); [`ClipEvent::Scheduled`] reports it in output samples (the synth's
//! latency added), the same clock as stingers. The voice starts on that exact sample whatever
//! the block size (tested below at blocks of 1, 7, 64 and 512).

use rtrb::{Consumer, Producer, RingBuffer};

use crate::types::{Quantize, SampleTime};

/// Clip buffers the bank holds at once.
pub const MAX_CLIP_SLOTS: usize = 64;
/// Clips sounding at once; a play beyond them steals the voice that started first.
pub const MAX_CLIP_VOICES: usize = 8;
/// Messages queued to the audio thread.
pub const CLIP_QUEUE: usize = 64;
/// Buffers that can be inside the bank (slots, buffers kept by voices after their slot was
/// replaced, loads in flight): the capacity of the queue that returns them.
pub const MAX_CLIP_BUFFERS: usize = MAX_CLIP_SLOTS + MAX_CLIP_VOICES + CLIP_QUEUE;
/// Fade at a stop and at a stolen voice's end, seconds.
const FADE_S: f32 = 0.005;

/// A decoded clip at the engine's rate, stereo (a mono clip is the same samples twice).
#[derive(Debug)]
pub struct ClipData {
    left: Box<[f32]>,
    right: Box<[f32]>,
    /// The sender's number for this buffer: plays name it, so a play meant for a buffer that
    /// has since been replaced is refused ([`ClipRefusal::Stale`]).
    generation: u32,
}

impl ClipData {
    /// A clip of the two channels (same length; non-finite samples become silence).
    ///
    /// # Errors
    /// The channels, back, when their lengths differ or they are empty.
    pub fn new(left: Vec<f32>, right: Vec<f32>, generation: u32) -> Result<Box<Self>, (Vec<f32>, Vec<f32>)> {
        if left.len() != right.len() || left.is_empty() {
            return Err((left, right));
        }
        let clean = |v: Vec<f32>| v.into_iter().map(|x| if x.is_finite() { x.clamp(-4.0, 4.0) } else { 0.0 }).collect();
        Ok(Box::new(Self { left: clean(left), right: clean(right), generation }))
    }

    /// Frames.
    pub fn len(&self) -> usize {
        self.left.len()
    }

    /// Never: [`ClipData::new`] refuses empty clips.
    pub fn is_empty(&self) -> bool {
        self.left.is_empty()
    }

    /// The sender's number for this buffer.
    pub fn generation(&self) -> u32 {
        self.generation
    }
}

/// A message to the audio thread.
#[derive(Debug)]
enum ClipMsg {
    Load { slot: u16, data: Box<ClipData> },
    Play { slot: u16, generation: u32, quantize: Quantize, gain: f32 },
    Stop { slot: u16 },
    Unload { slot: u16 },
}

/// Why a play was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClipRefusal {
    /// The slot holds no clip.
    NoSuchSlot,
    /// The slot holds another generation than the play names (replaced since).
    Stale,
}

/// What the bank did, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClipEvent {
    /// A play was accepted.
    Scheduled {
        /// The slot played.
        slot: u16,
        /// Its buffer's generation.
        generation: u32,
        /// Output time of the clip's first sample.
        at: SampleTime,
    },
    /// A voice ended.
    Ended {
        /// The slot it played.
        slot: u16,
        /// Its buffer's generation.
        generation: u32,
        /// Output time just after its last sample.
        at: SampleTime,
        /// Ended by a stop or a steal rather than at the clip's end.
        stopped: bool,
    },
    /// A play was refused.
    Refused {
        /// The slot named.
        slot: u16,
        /// The generation named.
        generation: u32,
        /// Why.
        reason: ClipRefusal,
    },
}

/// The sender's end (any thread but the audio thread).
pub struct ClipSender {
    queue: Producer<ClipMsg>,
    freed: Consumer<Box<ClipData>>,
    events: Consumer<ClipEvent>,
    /// Buffers sent minus buffers returned.
    inside: usize,
}

impl std::fmt::Debug for ClipSender {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClipSender").field("inside", &self.inside).finish_non_exhaustive()
    }
}

/// The audio thread's end: the slots, voices and the queues' other ends.
pub struct ClipBank {
    queue: Consumer<ClipMsg>,
    freed: Producer<Box<ClipData>>,
    events: Producer<ClipEvent>,
    slots: [Option<Box<ClipData>>; MAX_CLIP_SLOTS],
    voices: [Voice; MAX_CLIP_VOICES],
    fade_step: f32,
    dropped_events: u64,
}

impl std::fmt::Debug for ClipBank {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClipBank").field("active", &self.active()).finish_non_exhaustive()
    }
}

#[derive(Debug, Default)]
struct Voice {
    on: bool,
    slot: u16,
    generation: u32,
    /// Render time of the first sample.
    start: SampleTime,
    /// Frames played.
    pos: usize,
    gain: f32,
    /// Fade-out gain (1 while playing; falls to 0 after a stop).
    fade: f32,
    stopping: bool,
    /// The buffer, when the voice's slot was replaced or unloaded while it played.
    kept: Option<Box<ClipData>>,
}

/// A connected sender and bank for a synth at `sample_rate`. Allocates: call off the audio
/// thread (the engine does, in `prepare`).
pub fn channel(sample_rate: f32) -> (ClipSender, ClipBank) {
    let (qtx, qrx) = RingBuffer::new(CLIP_QUEUE);
    let (ftx, frx) = RingBuffer::new(MAX_CLIP_BUFFERS);
    let (etx, erx) = RingBuffer::new(256);
    let sender = ClipSender { queue: qtx, freed: frx, events: erx, inside: 0 };
    let bank = ClipBank {
        queue: qrx,
        freed: ftx,
        events: etx,
        slots: std::array::from_fn(|_| None),
        voices: std::array::from_fn(|_| Voice::default()),
        fade_step: 1.0 / (FADE_S * sample_rate.max(1.0)),
        dropped_events: 0,
    };
    (sender, bank)
}

/// A message could not be queued: the queue is full, or (loads) the bank holds as many
/// buffers as can be returned; collect garbage and retry.
#[derive(Debug)]
pub struct ClipQueueFull;

impl ClipSender {
    /// Moves `data` into `slot` (replacing what it held). The data comes back when refused.
    ///
    /// # Errors
    /// The data, when the queue is full, too many buffers are inside, or `slot` is out of range.
    pub fn load(&mut self, slot: u16, data: Box<ClipData>) -> Result<(), Box<ClipData>> {
        self.collect_garbage();
        if usize::from(slot) >= MAX_CLIP_SLOTS || self.inside >= MAX_CLIP_BUFFERS || self.queue.slots() == 0 {
            return Err(data);
        }
        // Cannot fail: a slot is free and only this end pushes.
        if self.queue.push(ClipMsg::Load { slot, data }).is_ok() {
            self.inside += 1;
        }
        Ok(())
    }

    /// Plays `slot` (if it still holds `generation`) at the next `quantize` point, at `gain_db`.
    ///
    /// # Errors
    /// [`ClipQueueFull`].
    pub fn play(&mut self, slot: u16, generation: u32, quantize: Quantize, gain_db: f32) -> Result<(), ClipQueueFull> {
        let gain = if gain_db.is_finite() { 10f32.powf(gain_db.clamp(-60.0, 24.0) / 20.0) } else { 1.0 };
        self.queue.push(ClipMsg::Play { slot, generation, quantize, gain }).map_err(|_| ClipQueueFull)
    }

    /// Fades out every voice playing `slot`.
    ///
    /// # Errors
    /// [`ClipQueueFull`].
    pub fn stop(&mut self, slot: u16) -> Result<(), ClipQueueFull> {
        self.queue.push(ClipMsg::Stop { slot }).map_err(|_| ClipQueueFull)
    }

    /// Empties `slot` (voices playing it finish first).
    ///
    /// # Errors
    /// [`ClipQueueFull`].
    pub fn unload(&mut self, slot: u16) -> Result<(), ClipQueueFull> {
        self.queue.push(ClipMsg::Unload { slot }).map_err(|_| ClipQueueFull)
    }

    /// Drops the buffers the bank has handed back (here, not on the audio thread); how many.
    pub fn collect_garbage(&mut self) -> usize {
        let mut n = 0;
        while let Ok(b) = self.freed.pop() {
            drop(b);
            n += 1;
        }
        self.inside -= n.min(self.inside);
        n
    }

    /// The next event from the bank.
    pub fn next_event(&mut self) -> Option<ClipEvent> {
        self.events.pop().ok()
    }
}

impl ClipBank {
    /// Whether a voice is sounding (the bed ducks while one is).
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn active(&self) -> bool {
        self.voices.iter().any(|v| v.on)
    }

    /// Events that did not fit the event queue.
    pub fn dropped_events(&self) -> u64 {
        self.dropped_events
    }

    fn emit(&mut self, e: ClipEvent) {
        if self.events.push(e).is_err() {
            self.dropped_events += 1;
        }
    }

    fn give_back(&mut self, b: Box<ClipData>) {
        // Never full: the sender keeps at most MAX_CLIP_BUFFERS buffers inside (module docs).
        // Were it full, the buffer would be leaked rather than freed on the audio thread.
        if let Err(rtrb::PushError::Full(b)) = self.freed.push(b) {
            std::mem::forget(b);
        }
    }

    /// A slot's buffer leaves the slot: a voice playing it keeps it, else it goes back.
    fn retire(&mut self, slot: u16, old: Box<ClipData>) {
        let g = old.generation;
        let mut kept = Some(old);
        // The first voice on it keeps the buffer; any other voice on it ends now.
        for v in self.voices.iter_mut().filter(|v| v.on && v.slot == slot && v.kept.is_none() && v.generation == g) {
            match kept.take() {
                Some(b) => v.kept = Some(b),
                None => v.on = false,
            }
        }
        if let Some(b) = kept {
            self.give_back(b);
        }
    }

    /// Applies the queued messages. `now` is the render time, `next_beat`/`next_bar` the
    /// sequencer's next beat and bar (render time), `latency` what output time adds.
    ///
    /// # Realtime safety
    /// Real-time safe: no allocation or free (buffers move through the queues).
    pub fn drain(&mut self, now: SampleTime, next_beat: SampleTime, next_bar: SampleTime, next_phrase: SampleTime, latency: u64) {
        while let Ok(msg) = self.queue.pop() {
            match msg {
                ClipMsg::Load { slot, data } => {
                    let i = usize::from(slot).min(MAX_CLIP_SLOTS - 1);
                    if let Some(old) = self.slots[i].replace(data) {
                        self.retire(slot, old);
                    }
                }
                ClipMsg::Unload { slot } => {
                    if let Some(old) = self.slots.get_mut(usize::from(slot)).and_then(Option::take) {
                        self.retire(slot, old);
                    }
                }
                ClipMsg::Stop { slot } => {
                    for v in self.voices.iter_mut().filter(|v| v.on && v.slot == slot) {
                        v.stopping = true;
                    }
                }
                ClipMsg::Play { slot, generation, quantize, gain } => {
                    let held = self.slots.get(usize::from(slot)).and_then(|s| s.as_ref().map(|d| d.generation));
                    let reason = match held {
                        None => Some(ClipRefusal::NoSuchSlot),
                        Some(g) if g != generation => Some(ClipRefusal::Stale),
                        Some(_) => None,
                    };
                    if let Some(reason) = reason {
                        self.emit(ClipEvent::Refused { slot, generation, reason });
                        continue;
                    }
                    let start = match quantize {
                        Quantize::Immediate => now,
                        Quantize::Beat => next_beat.max(now),
                        Quantize::Bar => next_bar.max(now),
                        Quantize::Phrase => next_phrase.max(now),
                    };
                    let v = self.free_voice(latency);
                    self.voices[v] = Voice { on: true, slot, generation, start, pos: 0, gain, fade: 1.0, stopping: false, kept: None };
                    self.emit(ClipEvent::Scheduled { slot, generation, at: start + latency });
                }
            }
        }
    }

    /// An idle voice, or the one that started first (ended now, its buffer handed back).
    fn free_voice(&mut self, latency: u64) -> usize {
        if let Some(i) = self.voices.iter().position(|v| !v.on && v.kept.is_none()) {
            return i;
        }
        let i = (0..MAX_CLIP_VOICES).min_by_key(|&i| (self.voices[i].on, self.voices[i].start)).unwrap_or(0);
        let v = &mut self.voices[i];
        let (slot, generation, at, was_on) = (v.slot, v.generation, v.start + v.pos as u64 + latency, v.on);
        v.on = false;
        if let Some(b) = v.kept.take() {
            self.give_back(b);
        }
        if was_on {
            self.emit(ClipEvent::Ended { slot, generation, at, stopped: true });
        }
        i
    }

    /// Adds the voices into `left`/`right`, which hold render times `t..t + len`.
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn render(&mut self, t: SampleTime, left: &mut [f32], right: &mut [f32], latency: u64) {
        let n = left.len().min(right.len());
        for vi in 0..MAX_CLIP_VOICES {
            if !self.voices[vi].on {
                continue;
            }
            let end_t = t + n as u64;
            let v = &self.voices[vi];
            if v.start >= end_t {
                continue;
            }
            let first = usize::try_from(v.start.saturating_sub(t)).unwrap_or(n).min(n);
            let fade_step = self.fade_step;
            let (done, stopped) = {
                let v = &mut self.voices[vi];
                let data = match (&v.kept, self.slots.get(usize::from(v.slot)).and_then(Option::as_ref)) {
                    (Some(k), _) => k,
                    (None, Some(d)) if d.generation == v.generation => d,
                    _ => {
                        v.on = false;
                        continue;
                    }
                };
                let len = data.left.len();
                let mut i = first;
                while i < n && v.pos < len {
                    if v.stopping {
                        v.fade -= fade_step;
                        if v.fade <= 0.0 {
                            break;
                        }
                    }
                    let g = v.gain * v.fade;
                    left[i] += data.left[v.pos] * g;
                    right[i] += data.right[v.pos] * g;
                    v.pos += 1;
                    i += 1;
                }
                (v.pos >= len || (v.stopping && v.fade <= 0.0), v.stopping)
            };
            if done {
                let v = &mut self.voices[vi];
                let (slot, generation, at) = (v.slot, v.generation, v.start + v.pos as u64 + latency);
                v.on = false;
                if let Some(b) = v.kept.take() {
                    self.give_back(b);
                }
                self.emit(ClipEvent::Ended { slot, generation, at, stopped });
            }
        }
    }

    /// Ends every voice (their kept buffers go back); slots keep their clips.
    ///
    /// # Realtime safety
    /// Real-time safe.
    pub fn reset(&mut self) {
        for i in 0..MAX_CLIP_VOICES {
            self.voices[i].on = false;
            if let Some(b) = self.voices[i].kept.take() {
                self.give_back(b);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[expect(clippy::unnecessary_box_returns, reason = "the bank takes clips as boxes")]
    fn clip(frames: usize, generation: u32) -> Box<ClipData> {
        let mut l = vec![0.25; frames];
        l[0] = 1.0;
        ClipData::new(l.clone(), l, generation).unwrap()
    }

    /// Renders `total` samples in blocks of `block` (draining before each block, as the synth
    /// does): the left channel.
    fn run(bank: &mut ClipBank, block: usize, total: usize, beat: SampleTime, bar: SampleTime, latency: u64) -> Vec<f32> {
        let mut out = vec![0.0; total];
        let mut right = vec![0.0; total];
        let mut t = 0;
        while t < total {
            let n = block.min(total - t);
            bank.drain(t as u64, beat, bar, bar, latency);
            bank.render(t as u64, &mut out[t..t + n], &mut right[t..t + n], latency);
            t += n;
        }
        out
    }

    #[test]
    fn clips_start_on_the_beat_with_no_sample_error_at_any_block_size() {
        for block in [1, 7, 64, 512] {
            for (q, want) in [(Quantize::Immediate, 0u64), (Quantize::Beat, 1_001), (Quantize::Bar, 4_321)] {
                let (mut tx, mut bank) = channel(48_000.0);
                tx.load(3, clip(500, 9)).unwrap();
                tx.play(3, 9, q, 0.0).unwrap();
                let out = run(&mut bank, block, 6_000, 1_001, 4_321, 37);
                let first = out.iter().position(|x| *x != 0.0).unwrap();
                assert_eq!(first as u64, want, "block {block}, {q:?}");
                assert_eq!(out[first], 1.0);
                assert_eq!(out.iter().filter(|x| **x != 0.0).count(), 500, "the whole clip, once");
                assert_eq!(tx.next_event(), Some(ClipEvent::Scheduled { slot: 3, generation: 9, at: want + 37 }));
                assert_eq!(tx.next_event(), Some(ClipEvent::Ended { slot: 3, generation: 9, at: want + 500 + 37, stopped: false }));
            }
        }
    }

    #[test]
    fn stale_and_missing_plays_are_refused_and_buffers_come_back() {
        let (mut tx, mut bank) = channel(48_000.0);
        tx.play(1, 0, Quantize::Immediate, 0.0).unwrap();
        tx.load(1, clip(100, 1)).unwrap();
        tx.play(1, 0, Quantize::Immediate, 0.0).unwrap();
        tx.play(1, 1, Quantize::Immediate, -6.0).unwrap();
        // Replaced while it plays: the voice keeps its buffer to the end.
        tx.load(1, clip(100, 2)).unwrap();
        let out = run(&mut bank, 64, 300, 0, 0, 0);
        assert!((out[0] - 10f32.powf(-6.0 / 20.0)).abs() < 1e-6);
        assert_eq!(out.iter().filter(|x| **x != 0.0).count(), 100);
        let events: Vec<_> = std::iter::from_fn(|| tx.next_event()).collect();
        assert_eq!(
            events,
            [
                ClipEvent::Refused { slot: 1, generation: 0, reason: ClipRefusal::NoSuchSlot },
                ClipEvent::Refused { slot: 1, generation: 0, reason: ClipRefusal::Stale },
                ClipEvent::Scheduled { slot: 1, generation: 1, at: 0 },
                ClipEvent::Ended { slot: 1, generation: 1, at: 100, stopped: false },
            ]
        );
        assert_eq!(tx.collect_garbage(), 1, "generation 1 came back when its voice ended");
        tx.unload(1).unwrap();
        run(&mut bank, 64, 64, 0, 0, 0);
        assert_eq!(tx.collect_garbage(), 1);
        assert_eq!(tx.inside, 0);
    }

    #[test]
    fn a_ninth_voice_steals_the_oldest_and_stops_fade() {
        let (mut tx, mut bank) = channel(48_000.0);
        tx.load(0, clip(10_000, 1)).unwrap();
        for _ in 0..9 {
            tx.play(0, 1, Quantize::Immediate, 0.0).unwrap();
        }
        let out = run(&mut bank, 64, 64, 0, 0, 0);
        assert!((out[1] - 8.0 * 0.25).abs() < 1e-5, "eight voices sound: {}", out[1]);
        let ended = std::iter::from_fn(|| tx.next_event()).filter(|e| matches!(e, ClipEvent::Ended { stopped: true, .. })).count();
        assert_eq!(ended, 1);
        tx.stop(0).unwrap();
        let out = run(&mut bank, 64, 1_000, 0, 0, 0);
        assert!(out[999] == 0.0 && out[0] > 0.0, "faded out within 5 ms");
        assert!(!bank.active());
    }

    #[test]
    fn the_sender_never_puts_more_buffers_inside_than_can_come_back() {
        let (mut tx, _bank) = channel(48_000.0);
        let mut accepted = 0;
        for i in 0..1_000u32 {
            if tx.load((i % 64) as u16, clip(8, i)).is_ok() {
                accepted += 1;
            }
        }
        assert!((CLIP_QUEUE..=MAX_CLIP_BUFFERS).contains(&accepted), "{accepted}");
        assert!(tx.load(64, clip(8, 0)).is_err(), "slot out of range");
        assert!(ClipData::new(vec![0.0; 3], vec![0.0; 2], 0).is_err() && ClipData::new(vec![], vec![], 0).is_err());
    }
}
