//! The arcs the music is rendered along: three shapes of a match's three minutes.
//!
//! * `match`: calm opening, a build, a goal at 72 s, celebration, a card, a calm close.
//! * `tension`: tense and dark, an away goal at 50 s, a slow recovery, an equaliser at 131 s.
//! * `chant`: steady high energy with two goals (61 s, 143 s).
//!
//! Event times are off the beat grid on purpose (a stinger that lands on the event must be
//! planned, not lucky).

use resonance_engine::{Cue, MoodTarget};

/// A mood curve (linear between points) and timed cues.
#[derive(Debug, Clone)]
pub struct Arc {
    pub name: String,
    /// (t, valence, arousal, intensity)
    pub mood: Vec<(f64, f32, f32, f32)>,
    /// (t, cue), sorted by time.
    pub events: Vec<(f64, Cue)>,
}

impl Arc {
    /// The target mood at `t` seconds.
    pub fn target_at(&self, t: f64) -> MoodTarget {
        let p = self.mood.partition_point(|m| m.0 <= t);
        let (v, a, i) = if p == 0 {
            let m = self.mood[0];
            (m.1, m.2, m.3)
        } else if p >= self.mood.len() {
            let m = self.mood[self.mood.len() - 1];
            (m.1, m.2, m.3)
        } else {
            let (x, y) = (self.mood[p - 1], self.mood[p]);
            let f = ((t - x.0) / (y.0 - x.0).max(1e-9)) as f32;
            (x.1 + (y.1 - x.1) * f, x.2 + (y.2 - x.2) * f, x.3 + (y.3 - x.3) * f)
        };
        MoodTarget { valence: v, arousal: a, intensity: i }
    }
}

fn calm_build_goal() -> Arc {
    Arc {
        name: "match".into(),
        mood: vec![
            (0.0, 0.1, -0.6, 0.3),
            (35.0, 0.1, -0.5, 0.3),
            (65.0, 0.3, 0.5, 0.7),
            (72.0, 0.5, 0.7, 0.8),
            (85.0, 0.8, 0.9, 1.0),
            (110.0, 0.5, 0.3, 0.6),
            (140.0, 0.3, -0.5, 0.3),
            (180.0, 0.3, -0.6, 0.3),
        ],
        events: vec![(72.3, Cue::Goal), (121.7, Cue::Card)],
    }
}

fn tension() -> Arc {
    Arc {
        name: "tension".into(),
        mood: vec![
            (0.0, -0.3, -0.2, 0.5),
            (45.0, -0.5, 0.3, 0.6),
            (55.0, -0.8, 0.1, 0.6),
            (90.0, -0.4, -0.4, 0.4),
            (125.0, 0.0, 0.5, 0.7),
            (135.0, 0.7, 0.8, 0.9),
            (165.0, 0.4, 0.0, 0.5),
            (180.0, 0.3, -0.4, 0.4),
        ],
        events: vec![(50.6, Cue::AwayGoal), (131.2, Cue::Goal)],
    }
}

fn chant() -> Arc {
    Arc {
        name: "chant".into(),
        mood: vec![(0.0, 0.4, 0.3, 0.6), (60.0, 0.5, 0.45, 0.7), (120.0, 0.5, 0.35, 0.6), (180.0, 0.4, 0.3, 0.6)],
        events: vec![(61.4, Cue::Goal), (142.9, Cue::Goal)],
    }
}

/// Every arc, by constructor.
pub const ALL: [fn() -> Arc; 3] = [calm_build_goal, tension, chant];
