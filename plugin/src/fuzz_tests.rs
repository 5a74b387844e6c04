//! Fuzz target for the plugin's outside data, run by the unit-test binary with a short budget
//! (see `resonance_test_support::fuzz` for a long run and `scripts/fuzz-long.sh`):
//!
//! * `plugin_state`: states a host hands back (project files, presets, undo history), as
//!   mutated real states, usually with the checksum repaired so the mutation reaches the
//!   entries, through [`state::decode`] and on to the [`ParamStore`] a load replaces.
//!
//! Properties: no panic, no hang; an error is a [`PluginError`] with a message; what loads
//! holds every parameter inside its range once applied; encode(decode(x)) decodes to the same
//! values (round trip).

use resonance_engine::{ParamId, ParamValues};
use resonance_test_support::fuzz::{self, Budget, Mutator};
use resonance_test_support::rng::SplitMix64;

use crate::params::{ParamStore, canonical};
use crate::state;

fn random_values(r: &mut SplitMix64) -> ParamValues {
    let mut v = ParamValues::default();
    for id in ParamId::ALL {
        if r.below(2) == 0 {
            let info = id.info();
            v.set(id, r.range(f64::from(info.min), f64::from(info.max)) as f32);
        }
    }
    v
}

/// Rewrites the trailing FNV-1a 32 over everything before it.
fn repair_checksum(b: &mut [u8]) {
    if b.len() < 4 {
        return;
    }
    let body = b.len() - 4;
    let h = b[..body].iter().fold(0x811c_9dc5u32, |h, &x| (h ^ u32::from(x)).wrapping_mul(0x0100_0193));
    b[body..].copy_from_slice(&h.to_le_bytes());
}

#[test]
fn fuzz_state_load_never_panics_and_keeps_values_in_range() {
    let mut r = SplitMix64(11);
    let seeds: Vec<Vec<u8>> =
        (0..6).map(|_| state::encode(&random_values(&mut r))).chain([state::encode(&ParamValues::default())]).collect();
    let mut dict: Vec<&[u8]> = vec![state::STATE_MAGIC, &[0x7f, 0x7f, 0x80, 0x7f], &[0, 0, 0xc0, 0x7f], &[0xff, 0xff]];
    dict.extend(ParamId::ALL.iter().map(|id| id.info().id.as_bytes()));
    let m = Mutator::new(seeds, &dict);
    let s = fuzz::run(
        "plugin_state",
        Budget::from_env(20_000),
        |r| {
            let mut b = m.generate(r);
            if r.below(4) != 0 {
                repair_checksum(&mut b);
            }
            b
        },
        |bytes| {
            let values = match state::decode(bytes) {
                Ok(v) => v,
                Err(e) if !e.to_string().is_empty() => return Ok(()),
                Err(e) => return Err(format!("error without a message: {e:?}")),
            };
            let store = ParamStore::new(&ParamValues::default());
            store.replace_all(&values);
            let applied = store.snapshot();
            for id in ParamId::ALL {
                let (v, info) = (applied.get(id), id.info());
                if !(v.is_finite() && v >= info.min && v <= info.max && v == canonical(id, v)) {
                    return Err(format!("{} loaded as {v}, outside {}..={} or not canonical", info.id, info.min, info.max));
                }
            }
            let again = state::decode(&state::encode(&values)).map_err(|e| format!("a loaded state does not reload once saved: {e}"))?;
            if again != values {
                return Err("state changed in a save/load round trip".into());
            }
            Ok(())
        },
    );
    s.assert_clean();
}
