//! The main-thread half of a prepared engine: [`EngineHandle`] and the four ends it holds
//! ([`CommandSender`], [`TelemetryReceiver`], [`LandmarkReceiver`], [`MetersReader`]), each
//! the other end of a lock-free queue or triple buffer whose audio-thread end lives in the
//! [`EngineProcessor`](super::EngineProcessor). Every type here is `Send`, so each end can move
//! to the thread that uses it.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use rtrb::{Consumer, Producer, RingBuffer};

use crate::error::EngineError;
use crate::types::{Command, Landmark, Meters, Telemetry};

/// Sends commands to the audio thread.
#[derive(Debug)]
pub struct CommandSender {
    pub(super) queue: Producer<Command>,
}

/// Receives telemetry from the audio thread.
#[derive(Debug)]
pub struct TelemetryReceiver {
    pub(super) queue: Consumer<Telemetry>,
}

/// Receives fingerprint landmarks from the audio thread (for the matcher thread).
#[derive(Debug)]
pub struct LandmarkReceiver {
    pub(super) queue: Consumer<Landmark>,
    pub(super) hashed_frames: Arc<AtomicU64>,
}

/// Reads the latest [`Meters`] published by the audio thread.
#[derive(Debug)]
pub struct MetersReader {
    pub(super) buffer: triple_buffer::Output<Meters>,
}

/// Main-thread half: every way to talk to a running [`EngineProcessor`]. The fields can be
/// moved to different threads (e.g. landmarks to the matcher, telemetry to the OSC sender).
///
/// [`EngineProcessor`]: super::EngineProcessor
#[derive(Debug)]
pub struct EngineHandle {
    /// Commands to the audio thread (parameters, moods, cues, style changes).
    pub commands: CommandSender,
    /// Telemetry from the audio thread (moods, crowd events, scheduled cues).
    pub telemetry: TelemetryReceiver,
    /// Fingerprint landmarks from the audio thread, for the matcher.
    pub landmarks: LandmarkReceiver,
    /// The latest meters the audio thread published.
    pub meters: MetersReader,
    /// Sample rate the processor was prepared for.
    pub sample_rate: f64,
    /// Names of the styles, in `style` parameter order.
    pub styles: Vec<String>,
    /// On-air clips to the audio thread (decoded buffers in, spent buffers back out).
    pub clips: crate::synth::clips::ClipSender,
    /// The music deck: whole tracks streamed in as the music bed (`deck.rs`).
    pub deck: super::deck::DeckSender,
}

// Compile-time proof that every main-thread end can be moved to another thread.
const _: fn() = || {
    fn assert_send<T: Send>() {}
    assert_send::<EngineHandle>();
    assert_send::<CommandSender>();
    assert_send::<TelemetryReceiver>();
    assert_send::<LandmarkReceiver>();
    assert_send::<MetersReader>();
};

impl CommandSender {
    /// Queues a command without blocking.
    ///
    /// # Errors
    /// [`EngineError::QueueFull`] when the audio thread has not drained the queue (it is not
    /// running or is stalled). Nothing is queued; retry later or drop the command.
    pub fn send(&mut self, command: Command) -> Result<(), EngineError> {
        self.queue.push(command).map_err(|_| EngineError::QueueFull { capacity: self.queue.buffer().capacity() })
    }
}

impl TelemetryReceiver {
    /// Takes the oldest telemetry item, if any.
    pub fn pop(&mut self) -> Option<Telemetry> {
        self.queue.pop().ok()
    }

    /// Takes every item queued now.
    pub fn drain(&mut self) -> impl Iterator<Item = Telemetry> + '_ {
        std::iter::from_fn(move || self.queue.pop().ok())
    }
}

impl LandmarkReceiver {
    /// Takes the oldest landmark, if any.
    pub fn pop(&mut self) -> Option<Landmark> {
        self.queue.pop().ok()
    }

    /// Analysis frames the audio thread's hasher has completed since its last reset: the
    /// stream clock of the landmarks (it advances through silence too). Landmarks of anchor
    /// frame `f` are emitted once this reaches `f + `[`crate::fingerprint::hasher::EMIT_DELAY_FRAMES`].
    pub fn frames_hashed(&self) -> u64 {
        self.hashed_frames.load(Ordering::Relaxed)
    }

    /// A receiver connected to nothing (it never yields a landmark): a placeholder for a
    /// handle whose receiver was moved to a matcher thread.
    pub fn disconnected() -> Self {
        Self { queue: RingBuffer::new(1).1, hashed_frames: Arc::new(AtomicU64::new(0)) }
    }

    /// Number of landmarks waiting.
    pub fn len(&self) -> usize {
        self.queue.slots()
    }

    /// Whether no landmark is waiting.
    pub fn is_empty(&self) -> bool {
        self.queue.is_empty()
    }
}

impl MetersReader {
    /// The most recently published meters.
    pub fn read(&mut self) -> Meters {
        *self.buffer.read()
    }
}

#[cfg(test)]
mod tests {
    use super::super::{Engine, EngineConfig, Layout};
    use super::*;

    #[test]
    fn full_command_queue_is_an_error_not_a_block() {
        let cfg = EngineConfig { command_capacity: 16, ..EngineConfig::default() };
        let (_p, mut h) = Engine::new(cfg).prepare(48_000.0, 64, Layout::STEREO).unwrap();
        let mut sent = 0;
        while h.commands.send(Command::ClearMoodOverride).is_ok() {
            sent += 1;
        }
        assert_eq!(sent, 16);
        let msg = h.commands.send(Command::ClearMoodOverride).unwrap_err().to_string();
        assert!(msg.contains("queue is full"), "{msg}");
    }
}
