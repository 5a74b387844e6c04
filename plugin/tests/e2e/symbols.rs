//! The bundles' libraries export what hosts look for: `clap_entry` in the `.clap`, and
//! `GetPluginFactory`, `ModuleEntry`, `ModuleExit` in the `.vst3` bundle's library.
#![allow(unsafe_code)]

use std::ffi::c_void;

use crate::host::bundle_file;
use crate::vst3::{FactoryVtbl, PClassInfo};

fn c_text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes.split(|&b| b == 0).next().unwrap_or_default()).into_owned()
}

/// (category, name) of every class the VST3 factory exports; releases the factory.
///
/// # Safety
/// `factory` must be the `IPluginFactory*` returned by `GetPluginFactory`.
unsafe fn vst3_classes(factory: *mut c_void) -> Vec<(String, String)> {
    // SAFETY: a COM object starts with a pointer to its vtable, whose layout is declared above.
    let vtbl = unsafe { &**factory.cast::<*const FactoryVtbl>() };
    let mut out = Vec::new();
    // SAFETY: calling the factory's own methods on it, with a properly sized out-struct.
    unsafe {
        let n = (vtbl.count_classes)(factory);
        for i in 0..n {
            let mut info = PClassInfo { cid: [0; 16], cardinality: 0, category: [0; 32], name: [0; 64] };
            if (vtbl.get_class_info)(factory, i, &raw mut info) == 0 {
                out.push((c_text(&info.category), c_text(&info.name)));
            }
        }
        let _ = (vtbl.add_ref)(factory);
        (vtbl.release)(factory);
        (vtbl.release)(factory);
    }
    out
}

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
        let f = factory();
        assert!(!f.is_null(), "GetPluginFactory returns a factory");
        let classes = vst3_classes(f);
        assert!(
            classes.iter().any(|(category, name)| category == "Audio Module Class" && name == "Resonance"),
            "the VST3 factory wraps the CLAP plugin: {classes:?}"
        );
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
