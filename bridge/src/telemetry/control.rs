//! `POST /api/v1/sessions/{session}/control`: the request and its field-by-field validation.

use resonance_engine::Quantize;
use serde_json::Value;

use crate::error::AppError;
use crate::extract::verr;

/// `POST /api/v1/sessions/{session}/control`, validated field by field.
#[derive(Clone, Debug, Default, PartialEq, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(min_properties = 1)]
pub struct ControlRequest {
    /// A style that exists (`GET /api/v1/styles`); anything else is a 422 listing them.
    pub style: Option<String>,
    #[schema(value_type = Option<String>, pattern = "^(immediate|beat|bar|phrase)$")]
    pub quantize: Option<Quantize>,
    /// `Some(None)` clears the manual intensity.
    #[schema(value_type = Option<f32>, minimum = 0, maximum = 1)]
    pub intensity: Option<Option<f32>>,
    pub rules: Option<String>,
}

/// Validates a control body.
///
/// # Errors
/// A 422 naming the first bad field (or `(body)`).
pub fn parse_control(v: &Value) -> Result<ControlRequest, AppError> {
    let obj = v.as_object().ok_or_else(|| verr("(body)", "must be a JSON object"))?;
    let mut c = ControlRequest::default();
    for (k, v) in obj {
        match k.as_str() {
            "style" => {
                let s = v.as_str().ok_or_else(|| verr("style", "must be a string"))?;
                if s.is_empty() || s.len() > 64 || s.chars().any(char::is_control) {
                    return Err(verr("style", "must be 1..=64 characters"));
                }
                c.style = Some(s.to_string());
            }
            "quantize" => {
                let q = v
                    .as_str()
                    .and_then(crate::osc::parse_quantize)
                    .ok_or_else(|| verr("quantize", "must be immediate, beat, bar or phrase"))?;
                c.quantize = Some(q);
            }
            "intensity" => {
                c.intensity = Some(if v.is_null() {
                    None
                } else {
                    let x = v
                        .as_f64()
                        .filter(|x| (0.0..=1.0).contains(x))
                        .ok_or_else(|| verr("intensity", "must be a number in 0..=1, or null to clear"))?;
                    Some(x as f32)
                });
            }
            "rules" => c.rules = Some(v.as_str().ok_or_else(|| verr("rules", "must be a rule set name"))?.to_string()),
            other => return Err(verr(other, "unknown field; allowed: style, quantize, intensity, rules")),
        }
    }
    if obj.is_empty() {
        return Err(verr("(body)", "empty control; send style, quantize, intensity or rules"));
    }
    if c.quantize.is_some() && c.style.is_none() {
        return Err(verr("quantize", "only allowed together with style"));
    }
    Ok(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn control_is_strict() {
        // the style's existence is checked against the vocabulary when the control is applied
        assert!(parse_control(&json!({"style": "cinematic-orchestral", "quantize": "bar"})).is_ok());
        assert_eq!(parse_control(&json!({"intensity": null})).unwrap().intensity, Some(None));
        for (v, field) in [
            (json!({"intensity": 2}), "intensity"),
            (json!({"quantize": "bar"}), "quantize"),
            (json!({"colour": 1}), "colour"),
            (json!({}), "(body)"),
        ] {
            match parse_control(&v) {
                Err(AppError::Validation(e)) => assert_eq!(e.field, field),
                other => panic!("{v}: {other:?}"),
            }
        }
    }
}
