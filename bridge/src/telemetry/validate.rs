//! Strict validation of game and match telemetry (HTTP JSON bodies and OSC field lists).
//!
//! Both transports convert their payload into a list of `(field, FieldValue)` pairs and call
//! [`validate`], so the rules are identical: known fields only, right types, values in range,
//! NaN and infinities rejected. The first problem is reported with the field's name, which the
//! HTTP layer turns into a 422 answer.

use serde::{Deserialize, Serialize};

pub use crate::error::ValidationError;

/// A value as it arrived, before validation.
#[derive(Clone, Debug, PartialEq)]
pub enum FieldValue {
    Number(f64),
    Text(String),
    Bool(bool),
    Null,
    /// Arrays and objects (never valid for a telemetry field); the name is the JSON type.
    Other(&'static str),
}

impl FieldValue {
    fn type_name(&self) -> &'static str {
        match self {
            FieldValue::Number(_) => "number",
            FieldValue::Text(_) => "string",
            FieldValue::Bool(_) => "boolean",
            FieldValue::Null => "null",
            FieldValue::Other(t) => t,
        }
    }
}

impl From<&serde_json::Value> for FieldValue {
    fn from(v: &serde_json::Value) -> Self {
        match v {
            serde_json::Value::Null => FieldValue::Null,
            serde_json::Value::Bool(b) => FieldValue::Bool(*b),
            serde_json::Value::Number(n) => n.as_f64().map_or(FieldValue::Other("number"), FieldValue::Number),
            serde_json::Value::String(s) => FieldValue::Text(s.clone()),
            serde_json::Value::Array(_) => FieldValue::Other("array"),
            serde_json::Value::Object(_) => FieldValue::Other("object"),
        }
    }
}

impl From<&crate::osc::TelemetryArg> for FieldValue {
    fn from(v: &crate::osc::TelemetryArg) -> Self {
        match v {
            crate::osc::TelemetryArg::Number(n) => FieldValue::Number(*n),
            crate::osc::TelemetryArg::Text(s) => FieldValue::Text(s.clone()),
            crate::osc::TelemetryArg::Bool(b) => FieldValue::Bool(*b),
        }
    }
}

fn verr(field: &str, message: impl Into<String>) -> ValidationError {
    ValidationError { field: field.to_string(), message: message.into() }
}

/// Narrative triggers a game can send in `trigger`.
pub const TRIGGERS: &[&str] = &[
    "boss_appears",
    "boss_defeated",
    "combat_start",
    "combat_end",
    "victory",
    "defeat",
    "death",
    "respawn",
    "rest",
    "level_up",
    "checkpoint",
    "stealth",
    "exploration",
    "critical_hp",
];

/// Match events a sports feed can send in `event`.
pub const MATCH_EVENTS: &[&str] = &["goal", "card", "penalty", "kick_off", "half_time", "full_time", "near_miss", "score"];

/// Every accepted field, with its type and range, for error messages and the OpenAPI document.
pub const FIELDS: &[(&str, &str)] = &[
    ("hp", "number 0..=1000000"),
    ("max_hp", "number 1..=1000000"),
    ("stress", "number 0..=1"),
    ("danger", "number 0..=1"),
    ("location", "string, 1..=128 characters"),
    ("scene", "string, 1..=128 characters"),
    ("trigger", "one of TRIGGERS"),
    ("event", "one of MATCH_EVENTS"),
    ("team", "\"home\" or \"away\""),
    ("card", "\"yellow\" or \"red\""),
    ("score_home", "integer 0..=999"),
    ("score_away", "integer 0..=999"),
    ("minute", "integer 0..=200"),
];

/// Which side of a match.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Team {
    Home,
    Away,
}

/// A validated telemetry update. Absent fields are `None` and leave the session's value alone.
///
/// Its schema in the OpenAPI document is the request body of
/// `POST /api/v1/sessions/{session}/telemetry` ([`validate`] enforces every bound it states).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(min_properties = 1, example = json!({"hp": 31, "max_hp": 40, "stress": 0.2, "trigger": "boss_appears"}))]
pub struct TelemetryUpdate {
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(minimum = 0, maximum = 1_000_000)]
    pub hp: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(minimum = 1, maximum = 1_000_000)]
    pub max_hp: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(minimum = 0, maximum = 1)]
    pub stress: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(minimum = 0, maximum = 1)]
    pub danger: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(min_length = 1, max_length = 128)]
    pub location: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(min_length = 1, max_length = 128)]
    pub scene: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(schema_with = trigger_schema)]
    pub trigger: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(schema_with = event_schema)]
    pub event: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub team: Option<Team>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(schema_with = card_schema)]
    pub card: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(minimum = 0, maximum = 999)]
    pub score_home: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(minimum = 0, maximum = 999)]
    pub score_away: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(minimum = 0, maximum = 200)]
    pub minute: Option<u32>,
}

/// A string schema allowing `values` only (the OpenAPI view of a closed list).
fn one_of_schema(values: &[&str]) -> utoipa::openapi::Object {
    utoipa::openapi::ObjectBuilder::new()
        .schema_type(utoipa::openapi::schema::Type::String)
        .enum_values(Some(values.iter().copied()))
        .build()
}

fn trigger_schema() -> utoipa::openapi::Object {
    one_of_schema(TRIGGERS)
}

fn event_schema() -> utoipa::openapi::Object {
    one_of_schema(MATCH_EVENTS)
}

fn card_schema() -> utoipa::openapi::Object {
    one_of_schema(&["yellow", "red"])
}

fn number(field: &str, v: &FieldValue, lo: f64, hi: f64) -> Result<f64, ValidationError> {
    match v {
        FieldValue::Number(n) if !n.is_finite() => Err(verr(field, format!("must be a finite number, got {n}"))),
        FieldValue::Number(n) if (lo..=hi).contains(n) => Ok(*n),
        FieldValue::Number(n) => Err(verr(field, format!("must be in {lo}..={hi}, got {n}"))),
        other => Err(verr(field, format!("must be a number, got {}", other.type_name()))),
    }
}

fn integer(field: &str, v: &FieldValue, hi: u32) -> Result<u32, ValidationError> {
    let n = number(field, v, 0.0, f64::from(hi))?;
    if n.fract() != 0.0 {
        return Err(verr(field, format!("must be a whole number, got {n}")));
    }
    Ok(n as u32)
}

fn text(field: &str, v: &FieldValue) -> Result<String, ValidationError> {
    match v {
        FieldValue::Text(s) => {
            let n = s.chars().count();
            if n == 0 || n > 128 {
                Err(verr(field, format!("must be 1..=128 characters, got {n}")))
            } else if s.chars().any(char::is_control) {
                Err(verr(field, "must not contain control characters"))
            } else {
                Ok(s.clone())
            }
        }
        other => Err(verr(field, format!("must be a string, got {}", other.type_name()))),
    }
}

fn one_of(field: &str, v: &FieldValue, allowed: &[&str]) -> Result<String, ValidationError> {
    match v {
        FieldValue::Text(s) if allowed.contains(&s.as_str()) => Ok(s.clone()),
        FieldValue::Text(s) => {
            let shown: String = s.chars().take(40).collect();
            Err(verr(field, format!("unknown value {shown:?}; allowed: {}", allowed.join(", "))))
        }
        other => Err(verr(field, format!("must be a string, got {}", other.type_name()))),
    }
}

/// Validates one telemetry payload.
///
/// # Errors
/// The first invalid field, by name: unknown fields, wrong types, values out of range,
/// NaN/infinite numbers, and inconsistent combinations (`hp` above `max_hp`, `card` without
/// `event: "card"`, `team` without a match event). An empty payload is rejected as `(body)`.
pub fn validate<'a>(fields: impl IntoIterator<Item = (&'a str, FieldValue)>) -> Result<TelemetryUpdate, ValidationError> {
    let mut u = TelemetryUpdate::default();
    let mut any = false;
    for (name, v) in fields {
        any = true;
        match name {
            "hp" => u.hp = Some(number(name, &v, 0.0, 1e6)?),
            "max_hp" => u.max_hp = Some(number(name, &v, 1.0, 1e6)?),
            "stress" => u.stress = Some(number(name, &v, 0.0, 1.0)?),
            "danger" => u.danger = Some(number(name, &v, 0.0, 1.0)?),
            "location" => u.location = Some(text(name, &v)?),
            "scene" => u.scene = Some(text(name, &v)?),
            "trigger" => u.trigger = Some(one_of(name, &v, TRIGGERS)?),
            "event" => u.event = Some(one_of(name, &v, MATCH_EVENTS)?),
            "team" => {
                u.team = Some(match one_of(name, &v, &["home", "away"])?.as_str() {
                    "home" => Team::Home,
                    _ => Team::Away,
                });
            }
            "card" => u.card = Some(one_of(name, &v, &["yellow", "red"])?),
            "score_home" => u.score_home = Some(integer(name, &v, 999)?),
            "score_away" => u.score_away = Some(integer(name, &v, 999)?),
            "minute" => u.minute = Some(integer(name, &v, 200)?),
            other => {
                let shown: String = other.chars().take(64).collect();
                let known: Vec<&str> = FIELDS.iter().map(|f| f.0).collect();
                return Err(verr(&shown, format!("unknown field; allowed fields: {}", known.join(", "))));
            }
        }
    }
    if !any {
        return Err(verr("(body)", "empty telemetry; send at least one field"));
    }
    if let (Some(hp), Some(max)) = (u.hp, u.max_hp)
        && hp > max
    {
        return Err(verr("hp", format!("must not exceed max_hp ({hp} > {max})")));
    }
    if u.card.is_some() && u.event.as_deref() != Some("card") {
        return Err(verr("card", "only allowed with \"event\": \"card\""));
    }
    if u.team.is_some() && u.event.is_none() {
        return Err(verr("team", "only allowed together with \"event\""));
    }
    Ok(u)
}

/// Parses and validates a JSON body.
///
/// # Errors
/// `(body)` when the JSON is not an object; otherwise as [`validate`].
pub fn validate_json(value: &serde_json::Value) -> Result<TelemetryUpdate, ValidationError> {
    let obj = value.as_object().ok_or_else(|| verr("(body)", "must be a JSON object of telemetry fields"))?;
    validate(obj.iter().map(|(k, v)| (k.as_str(), FieldValue::from(v))))
}

/// Session names: 1..=64 characters of `A-Z a-z 0-9 _ - .`.
///
/// # Errors
/// The name breaks the rule above.
pub fn validate_session_name(name: &str) -> Result<String, ValidationError> {
    if resonance_protocol::is_valid_session_name(name) {
        Ok(name.to_string())
    } else {
        Err(verr("session", "must be 1..=64 characters of A-Z, a-z, 0-9, '_', '-', '.'"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::json;

    #[test]
    fn accepts_game_and_match_payloads() {
        let u = validate_json(&json!({"hp": 31, "max_hp": 40, "stress": 0.2, "trigger": "boss_appears"})).unwrap();
        assert_eq!(u.hp, Some(31.0));
        assert_eq!(u.trigger.as_deref(), Some("boss_appears"));
        let m = validate_json(&json!({"event": "goal", "team": "home", "score_home": 1, "score_away": 0, "minute": 23})).unwrap();
        assert_eq!(m.team, Some(Team::Home));
        assert_eq!(m.minute, Some(23));
    }

    #[test]
    fn names_the_bad_field() {
        let cases = [
            (json!({"hp": "lots"}), "hp"),
            (json!({"stress": 1.5}), "stress"),
            (json!({"hpp": 3}), "hpp"),
            (json!({"trigger": "dance"}), "trigger"),
            (json!({"minute": 12.5}), "minute"),
            (json!({"hp": 50, "max_hp": 40}), "hp"),
            (json!({"card": "red"}), "card"),
            (json!({"location": ""}), "location"),
            (json!({"danger": null}), "danger"),
            (json!([1, 2]), "(body)"),
            (json!({}), "(body)"),
        ];
        for (body, field) in cases {
            let e = validate_json(&body).unwrap_err();
            assert_eq!(e.field, field, "{body} -> {e}");
        }
    }

    #[test]
    fn rejects_non_finite_numbers() {
        for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let e = validate([("stress", FieldValue::Number(v))]).unwrap_err();
            assert_eq!(e.field, "stress");
            assert!(e.message.contains("finite"));
        }
    }

    fn any_value() -> impl Strategy<Value = FieldValue> {
        prop_oneof![
            any::<f64>().prop_map(FieldValue::Number),
            (-10.0f64..1000.0).prop_map(FieldValue::Number),
            Just(FieldValue::Number(f64::NAN)),
            ".{0,140}".prop_map(FieldValue::Text),
            prop::sample::select(TRIGGERS.iter().chain(MATCH_EVENTS).chain(&["home", "away", "red"]).copied().collect::<Vec<_>>())
                .prop_map(|s| FieldValue::Text(s.to_string())),
            any::<bool>().prop_map(FieldValue::Bool),
            Just(FieldValue::Null),
            Just(FieldValue::Other("array")),
        ]
    }

    fn any_name() -> impl Strategy<Value = String> {
        prop_oneof![prop::sample::select(FIELDS.iter().map(|f| f.0.to_string()).collect::<Vec<_>>()), "[a-z_]{1,12}",]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// Random payloads never panic; accepted ones satisfy every documented range, and a
        /// rejection always names a field that was sent (or the body).
        #[test]
        fn validator_is_total_and_sound(fields in prop::collection::vec((any_name(), any_value()), 0..8)) {
            match validate(fields.iter().map(|(k, v)| (k.as_str(), v.clone()))) {
                Ok(u) => {
                    for x in [u.stress, u.danger].into_iter().flatten() {
                        prop_assert!(x.is_finite() && (0.0..=1.0).contains(&x));
                    }
                    if let Some(hp) = u.hp { prop_assert!(hp.is_finite() && (0.0..=1e6).contains(&hp)); }
                    if let (Some(hp), Some(m)) = (u.hp, u.max_hp) { prop_assert!(hp <= m); }
                    for s in [u.score_home, u.score_away].into_iter().flatten() { prop_assert!(s <= 999); }
                    if let Some(t) = &u.trigger { prop_assert!(TRIGGERS.contains(&t.as_str())); }
                    // Every sent field is a known one.
                    for (k, _) in &fields { prop_assert!(FIELDS.iter().any(|f| f.0 == k)); }
                }
                Err(e) => {
                    prop_assert!(e.field == "(body)" || fields.iter().any(|(k, _)| *k == e.field), "{e}");
                    prop_assert!(!e.message.is_empty());
                }
            }
        }

        /// Any JSON text either parses and validates, or fails cleanly.
        #[test]
        fn random_json_never_panics(s in ".{0,200}") {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(&s) {
                let _ = validate_json(&v);
            }
        }
    }
}
