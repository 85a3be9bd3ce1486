//! `--format` templates against a fixed object: never a panic or a hang.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fn value() -> &'static serde_json::Value {
    static V: OnceLock<serde_json::Value> = OnceLock::new();
    V.get_or_init(|| {
        serde_json::json!({
            "ID": "4f0c2a", "Names": "web", "Image": "busybox:latest", "Size": 1234,
            "Ports": "0.0.0.0:8080->80/tcp", "Neg": -3, "Float": 1.5, "Bool": true, "Nil": null,
            "List": ["x", "y", "z"], "Nums": [1, 2, 3],
            "Config": {"Env": ["A=1", "B=2"], "Labels": {"a": "1", "b": "2"}, "Cmd": null},
            "State": {"Running": false, "ExitCode": 0},
            "_labels": {"a": "1", "com.example": "x"}
        })
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = rdock::format::render_json(text, "", "*t", value());
    let _ = rdock::format::render_inspect(text, value());
    let format = rdock::format::Format::parse(Some(text));
    let header = std::collections::HashMap::from([("ID", "CONTAINER ID"), ("Names", "NAMES")]);
    let _ = rdock::format::render_rows(&format, "{{.ID}}\t{{.Names}}", &header, std::slice::from_ref(value()), "*t");
});
