//! MIDI CC control in VST3 without thousands of MIDI-mapping parameters.
//!
//! VST3 has no MIDI CC events on input: a VST3 host asks the controller which parameter a
//! controller moves (`IMidiMapping::getMidiControllerAssignment`) and sends the controller's
//! value as a parameter change. clap-wrapper answers that, for a plugin whose note port takes
//! the MIDI dialect, with 16 channels × 130 parameters of its own — 2,096 entries that bury
//! the plugin's few dozen in every host's parameter list. So the plugin's note port offers the
//! CLAP dialect only inside the VST3 wrapper, and the patched wrapper (plugin/vendor/clap-wrapper,
//! PATCHES.md; decision record 0033) asks this extension instead: CC `n` on any channel maps
//! onto the parameter [`crate::params::CC_MAP`] gives it, so a host's CC moves that parameter
//! directly (value / 127 over the parameter's range, the same as [`crate::params::cc_to_param`]
//! gives a CLAP host's MIDI CC).
#![allow(unsafe_code)]

use std::ffi::CStr;

use clack_plugin::extensions::prelude::*;

use crate::params::CC_MAP;

/// `CLAP_PLUGIN_AS_VST3_MIDI_CC` of the patched wrapper (`include/clapwrapper/vst3.h`).
pub const EXTENSION_ID: &CStr = c"resonance.plugin-as-vst3-midi-cc/1";

/// `clap_plugin_as_vst3_midi_cc_t`.
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct RawMidiCc {
    get_param: Option<unsafe extern "C" fn(*const clap_plugin, u32, u16, u16, *mut u32) -> bool>,
}

/// The plugin side of the wrapper's CC-to-parameter extension.
#[derive(Clone, Copy)]
#[allow(missing_debug_implementations, dead_code)] // a raw FFI pointer wrapper, as clack's own
pub struct PluginAsVst3MidiCc(RawExtension<PluginExtensionSide, RawMidiCc>);

// SAFETY: `RawMidiCc` is repr(C) and ABI-compatible with `clap_plugin_as_vst3_midi_cc_t`.
unsafe impl Extension for PluginAsVst3MidiCc {
    const IDENTIFIERS: &[&CStr] = &[EXTENSION_ID];
    type ExtensionSide = PluginExtensionSide;

    unsafe fn from_raw(raw: RawExtension<Self::ExtensionSide>) -> Self {
        // SAFETY: the caller guarantees the pointer is of this extension's type.
        Self(unsafe { raw.cast() })
    }
}

// SAFETY: the implementation is the extension's C struct with a function of its signature.
unsafe impl<P: Plugin> ExtensionImplementation<P> for PluginAsVst3MidiCc {
    const IMPLEMENTATION: RawExtensionImplementation = RawExtensionImplementation::new(&RawMidiCc { get_param: Some(get_param) });
}

/// The CLAP parameter ID CC `cc` moves (any channel, note port 0), if any.
pub fn param_for_cc(note_port: u32, cc: u16) -> Option<u32> {
    if note_port != 0 {
        return None;
    }
    let (_, id) = CC_MAP.iter().find(|(c, _)| u16::from(*c) == cc)?;
    Some(id.index() as u32)
}

/// # Safety
/// `param_id` is null or valid for a write, as the extension's contract says.
unsafe extern "C" fn get_param(_plugin: *const clap_plugin, note_port: u32, _channel: u16, cc: u16, param_id: *mut u32) -> bool {
    match param_for_cc(note_port, cc) {
        Some(id) if !param_id.is_null() => {
            // SAFETY: non-null and writable per the contract.
            unsafe { *param_id = id };
            true
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use resonance_engine::ParamId;

    #[test]
    fn ccs_map_onto_the_plugins_own_parameter_ids() {
        assert_eq!(param_for_cc(0, 7), Some(ParamId::MusicLevel.index() as u32));
        assert_eq!(param_for_cc(0, 64), Some(ParamId::HoldMood.index() as u32));
        assert_eq!(param_for_cc(0, 2), None);
        assert_eq!(param_for_cc(1, 7), None);
        let mut id = u32::MAX;
        // SAFETY: a valid out-pointer.
        assert!(unsafe { get_param(std::ptr::null(), 0, 15, 11, &raw mut id) });
        assert_eq!(id, ParamId::DryWet.index() as u32);
        // SAFETY: null out-pointer is refused, not written.
        assert!(!unsafe { get_param(std::ptr::null(), 0, 0, 11, std::ptr::null_mut()) });
    }
}
