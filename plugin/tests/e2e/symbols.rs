//! The bundles' libraries export what hosts look for: `clap_entry` in the `.clap`, and
//! `GetPluginFactory`, `ModuleEntry`, `ModuleExit` in the `.vst3` bundle's library.
#![allow(unsafe_code)]

use std::ffi::c_void;

use crate::host::bundle_file;

#[test]
fn vst3_and_clap_libraries_export_their_entry_points() {
    let vst3 = bundle_file(&format!("Resonance.vst3/Contents/{}-linux/Resonance.so", std::env::consts::ARCH));
    // SAFETY: loading the plugin library under test runs its initialisers only.
    let lib = unsafe { libloading::Library::new(&vst3) }.unwrap_or_else(|e| panic!("{}: {e}", vst3.display()));
    // SAFETY: the symbol types are those of the VST3 Linux module API.
    unsafe {
        let module_entry = lib.get::<unsafe extern "C" fn(*mut c_void) -> bool>(b"ModuleEntry").expect("ModuleEntry");
        let module_exit = lib.get::<unsafe extern "C" fn() -> bool>(b"ModuleExit").expect("ModuleExit");
        let factory = lib.get::<unsafe extern "system" fn() -> *mut c_void>(b"GetPluginFactory").expect("GetPluginFactory");
        assert!(module_entry(std::ptr::null_mut()), "ModuleEntry succeeds");
        assert!(!factory().is_null(), "GetPluginFactory returns a factory");
        assert!(module_exit(), "ModuleExit succeeds");
    }

    let clap = bundle_file("Resonance.clap");
    // SAFETY: as above.
    let lib = unsafe { libloading::Library::new(&clap) }.unwrap_or_else(|e| panic!("{}: {e}", clap.display()));
    // SAFETY: `clap_entry` is a `clap_plugin_entry` whose first field is the CLAP version
    // (three u32: major, minor, revision).
    let version = unsafe { **lib.get::<*const [u32; 3]>(b"clap_entry").expect("clap_entry") };
    assert_eq!(version[0], 1, "CLAP major version 1");
}
