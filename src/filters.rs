//! `--filter key=value` flags, shared by the listing commands.

use crate::error::{Error, Result};

/// `--filter key=value` values, refusing keys outside `allowed`; a bare key
/// has an empty value.
pub fn parse_filters(values: &[String], allowed: &[&str]) -> Result<Vec<(String, String)>> {
    values
        .iter()
        .map(|f| {
            let (k, v) = f.split_once('=').unwrap_or((f, ""));
            if !allowed.contains(&k) {
                return Err(Error::InvalidArgument(format!("invalid filter '{k}'")));
            }
            Ok((k.to_string(), v.to_string()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prop::Rng;

    #[test]
    fn keys_outside_the_allowed_are_refused() {
        let v = |s: &[&str]| s.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            parse_filters(&v(&["name=a=b", "label"]), &["name", "label"]).unwrap(),
            [("name".to_string(), "a=b".to_string()), ("label".to_string(), String::new())]
        );
        assert_eq!(parse_filters(&v(&["nme=a"]), &["name"]).unwrap_err().to_string(), "invalid filter 'nme'");
        let allowed = &["name", "label", "label!"];
        let mut rng = Rng::new(11);
        for _ in 0..10_000 {
            let values: Vec<String> = (0..rng.below(4))
                .map(|_| rng.tokens(&["name", "label", "!", "=", "a", "", " "], 4))
                .collect();
            match parse_filters(&values, allowed) {
                Ok(pairs) => {
                    for ((k, v), raw) in pairs.iter().zip(&values) {
                        assert!(allowed.contains(&k.as_str()) && (raw == k || *raw == format!("{k}={v}")));
                    }
                }
                Err(_) => assert!(values
                    .iter()
                    .any(|f| !allowed.contains(&f.split_once('=').map_or(f.as_str(), |p| p.0)))),
            }
        }
    }
}
