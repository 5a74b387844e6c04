//! Factory presets for hosts: a CLAP preset-discovery factory that lists the engine's
//! factory presets (`presets/` in the repository, embedded in the library) as presets stored
//! inside the plugin, and the preset-load extension that applies one by name.
//!
//! Loading a preset sets every parameter to the preset's values (its style selected by
//! index), like a state load: all-or-nothing, then the host is asked to rescan values.

use std::ffi::{CStr, CString};

use clack_extensions::preset_discovery::prelude::*;
use clack_plugin::prelude::PluginError;
use resonance_engine::EngineConfig;

use crate::clap::PLUGIN_ID;

/// Stable ID of the preset provider.
pub const PROVIDER_ID: &str = "org.resonance.resonance.factory-presets";

/// The preset-discovery factory: one provider, the factory presets.
pub struct PresetFactory {
    descriptor: ProviderDescriptor,
}

impl std::fmt::Debug for PresetFactory {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PresetFactory")
    }
}

impl Default for PresetFactory {
    fn default() -> Self {
        Self { descriptor: ProviderDescriptor::new(PROVIDER_ID, "Resonance factory presets").with_vendor("Resonance") }
    }
}

impl PresetDiscoveryFactoryImpl for PresetFactory {
    fn provider_count(&self) -> u32 {
        1
    }

    fn provider_descriptor(&self, index: u32) -> Option<&ProviderDescriptor> {
        (index == 0).then_some(&self.descriptor)
    }

    fn create_provider<'a>(&'a self, host_info: IndexerInfo<'a>, provider_id: &CStr) -> Option<ProviderInstance<'a>> {
        if provider_id.to_bytes() != PROVIDER_ID.as_bytes() {
            return None;
        }
        Some(ProviderInstance::new(host_info, &self.descriptor, |mut indexer| {
            indexer.declare_location(LocationInfo {
                name: c"Resonance factory presets",
                flags: Flags::IS_FACTORY_CONTENT,
                location: Location::Plugin,
            })?;
            Ok(FactoryProvider)
        }))
    }
}

struct FactoryProvider;

impl ProviderImpl<'_> for FactoryProvider {
    fn get_metadata(&mut self, location: Location, receiver: &mut MetadataReceiver) -> Result<(), PluginError> {
        if location != Location::Plugin {
            return Ok(());
        }
        let presets = resonance_io::preset::factory().map_err(|_| PluginError::Message("the embedded factory presets do not parse"))?;
        let plugin_id = CString::new(PLUGIN_ID).map_err(|_| PluginError::Message("plugin ID contains NUL"))?;
        for p in presets {
            let name = CString::new(p.name.as_str()).map_err(|_| PluginError::Message("preset name contains NUL"))?;
            let description = CString::new(p.description.as_str()).unwrap_or_default();
            receiver
                .begin_preset(Some(&name), Some(&name))?
                .add_plugin_id(UniversalPluginId { abi: c"clap", id: &plugin_id })
                .set_flags(Flags::IS_FACTORY_CONTENT)
                .add_creator(c"Resonance")
                .set_description(&description);
        }
        Ok(())
    }
}

/// The parameter values a factory preset (by name) sets.
pub fn factory_preset_values(name: &str) -> Result<resonance_engine::ParamValues, PluginError> {
    let presets = resonance_io::preset::factory().map_err(|_| PluginError::Message("the embedded factory presets do not parse"))?;
    let preset = presets.iter().find(|p| p.name == name).ok_or(PluginError::Message("no factory preset with this name"))?;
    Ok(EngineConfig::with_preset(preset).params)
}
