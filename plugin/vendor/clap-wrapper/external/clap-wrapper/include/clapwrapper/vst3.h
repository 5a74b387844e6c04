#pragma once

#include "clap/private/macros.h"

/*
    Some information for the VST3 factory/plugin structures can not
    be derived from the clap headers or structures. While in a pristine
    CLAP those information can be generated, you will need those informations
    fixed when maintaining compatibility with previously published
    versions.
*/

// CLAP_ABI was introduced in CLAP 1.1.2, for older versions we make it transparent
#ifndef CLAP_ABI
#define CLAP_ABI
#endif

#ifdef __cplusplus
extern "C"
{
#endif

  // the factory extension
  static const CLAP_CONSTEXPR char CLAP_PLUGIN_FACTORY_INFO_VST3[] =
      "clap.plugin-factory-info-as-vst3/0";

  // the plugin extension
  static const CLAP_CONSTEXPR char CLAP_PLUGIN_AS_VST3[] = "clap.plugin-info-as-vst3/0";

  typedef uint8_t array_of_16_bytes[16];

  // clang-format off
// COMPONENT allows you to provide the 4 uint32_t parts of the GUID and transforms them to the 16 byte array
// To use this to port an existing VST3
// 1. Run the vst3 validator
// 2. Find the line cid = 30D2C648CCAABA57976D20DEFF9B93C1 in the output
// 3. Implement this extension to provide an info with (for example)
//      static array_of_16_bytes cid COMPONENT_ID(0x30D2C648, 0xCCAABA57, 0x976D20DE, 0xFF9B93C1);
//      static clap_plugin_info_as_vst3 info {
//           "Vendor",
//            &cid,
//            ""
//      };
//      return &info;
#define COMPONENT_ID(g1, g2, g3, g4) \
{                                \
(uint8_t)((g1 & 0x000000FF)      ),    \
(uint8_t)((g1 & 0x0000FF00) >>  8),    \
(uint8_t)((g1 & 0x00FF0000) >> 16),    \
(uint8_t)((g1 & 0xFF000000) >> 24),    \
(uint8_t)((g2 & 0x00FF0000) >> 16),    \
(uint8_t)((g2 & 0xFF000000) >> 24),    \
(uint8_t)((g2 & 0x000000FF)      ),    \
(uint8_t)((g2 & 0x0000FF00) >>  8),    \
(uint8_t)((g3 & 0xFF000000) >> 24),    \
(uint8_t)((g3 & 0x00FF0000) >> 16),    \
(uint8_t)((g3 & 0x0000FF00) >>  8),    \
(uint8_t)((g3 & 0x000000FF)      ),    \
(uint8_t)((g4 & 0xFF000000) >> 24),    \
(uint8_t)((g4 & 0x00FF0000) >> 16),    \
(uint8_t)((g4 & 0x0000FF00) >>  8),    \
(uint8_t)((g4 & 0x000000FF)      ),    \
}

  // clang-format on

  /*
  clap_plugin_as_vst3

  all members are optional when set to nullptr
  if not provided, the wrapper code will use/generate appropriate values

  this struct is being returned by the plugin in clap_plugin_factory_as_vst3_t::get_vst3_info()
*/

  typedef struct clap_plugin_info_as_vst3
  {
    const char *vendor;                    // vendor
    const array_of_16_bytes *componentId;  // compatibility GUID
    const char *features;                  // feature string for SubCategories
  } clap_plugin_info_as_vst3_t;

  /*
  clap_plugin_factory_as_vst3

  all members are optional and can be set to nullptr
  if not provided, the wrapper code will use/generate appropriate values

  retrieved when asking for factory CLAP_PLUGIN_FACTORY_INFO_VST3 by clap_entry::get_factory()
*/

  typedef struct clap_plugin_factory_as_vst3
  {
    // optional values for the Steinberg::PFactoryInfo structure
    const char *vendor;  // if not nullptr, the vendor string in the
    const char *vendor_url;
    const char *email_contact;

    // retrieve additional information for the Steinberg::PClassInfo2 struct by pointer to clap_plugin_as_vst3
    // returns nullptr if no additional information is provided or can be a nullptr itself
    const clap_plugin_info_as_vst3_t *(CLAP_ABI *get_vst3_info)(
        const clap_plugin_factory_as_vst3 *factory, uint32_t index);
  } clap_plugin_factory_as_vst3_t;

  enum clap_supported_note_expressions
  {
    AS_VST3_NOTE_EXPRESSION_VOLUME = 1 << 0,
    AS_VST3_NOTE_EXPRESSION_PAN = 1 << 1,
    AS_VST3_NOTE_EXPRESSION_TUNING = 1 << 2,
    AS_VST3_NOTE_EXPRESSION_VIBRATO = 1 << 3,
    AS_VST3_NOTE_EXPRESSION_EXPRESSION = 1 << 4,
    AS_VST3_NOTE_EXPRESSION_BRIGHTNESS = 1 << 5,
    AS_VST3_NOTE_EXPRESSION_PRESSURE = 1 << 6,

    AS_VST3_NOTE_EXPRESSION_ALL = (1 << 7) - 1  // just the and of the above

  };

  /*
  retrieve additional information for the plugin itself, if note expressions are being supported and if there
  is a limit in MIDI channels (to reduce the offered controllers etc. in the VST3 host)

  This extension is optionally returned by the plugin when asked for extension CLAP_PLUGIN_AS_VST3
*/
  typedef struct clap_plugin_as_vst3
  {
    uint32_t(CLAP_ABI *getNumMIDIChannels)(const clap_plugin *plugin,
                                           uint32_t note_port);  // return 1-16
    uint32_t(CLAP_ABI *supportedNoteExpressions)(
        const clap_plugin *plugin);  // returns a bitmap of clap_supported_note_expressions
  } clap_plugin_as_vst3_t;

  /*
  Resonance patch: MIDI controllers onto the plugin's own parameters.

  A plugin that moves parameters from MIDI CCs gets them in VST3 without the 16 x 130
  MIDI-mapping parameters the wrapper otherwise adds for IMidiMapping (CLAP_NOTE_DIALECT_MIDI):
  the wrapper answers IMidiMapping::getMidiControllerAssignment with the parameter this
  extension names, and the host sends the controller value (value / 127, normalised over the
  parameter's range) as an ordinary parameter change.

  This extension is optionally returned by the plugin when asked for CLAP_PLUGIN_AS_VST3_MIDI_CC.
*/
  static const CLAP_CONSTEXPR char CLAP_PLUGIN_AS_VST3_MIDI_CC[] = "resonance.plugin-as-vst3-midi-cc/1";

  typedef struct clap_plugin_as_vst3_midi_cc
  {
    // The parameter MIDI controller `cc` (0-127) on `channel` (0-15) of note port `note_port`
    // moves: true and `*param_id` set, or false when the controller moves none. [main-thread]
    bool(CLAP_ABI *get_param)(const clap_plugin *plugin, uint32_t note_port, uint16_t channel,
                              uint16_t cc, clap_id *param_id);
  } clap_plugin_as_vst3_midi_cc_t;

#ifdef __cplusplus
}
#endif
