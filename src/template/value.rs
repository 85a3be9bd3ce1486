//! What a template sees: values with Go's kinds, so they print as Go's fmt
//! prints them (`map[a:1]`, `[a b]`, `{x y}`, `<nil>`, `map[]`, `[]`).

use std::collections::BTreeMap;
use std::rc::Rc;

/// The kind of a nil: a nil slice prints `[]`, a nil map `map[]`, a nil
/// pointer or interface `<nil>`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NilKind {
    Slice,
    Map,
    Pointer,
    /// A nil interface{} (a JSON null decoded untyped): what a field gives is
    /// "no value", inside a container `<nil>`.
    Interface,
}

#[derive(Debug, Clone)]
pub enum Value {
    /// No value at all (Go's invalid reflect.Value): `<no value>`.
    Invalid,
    Nil(NilKind),
    Bool(bool),
    Int(i64),
    Uint(u64),
    Float(f64),
    /// A JSON number kept as text (json.Number, in inspect's raw fallback).
    Number(String),
    Str(String),
    List(Rc<Vec<Value>>),
    Map(Rc<Map>),
    Struct(Rc<Struct>),
}

/// A Go map: printed and ranged in key order.
#[derive(Debug, Clone, Default)]
pub struct Map {
    pub entries: BTreeMap<String, Value>,
    /// Its values are interfaces or pointers: a missing key is nil, not "".
    pub any_values: bool,
    /// map[string]interface{} from inspect's raw fallback.
    pub raw: bool,
}

/// A Go struct: fields in declaration order under their Go names.
#[derive(Debug, Clone, Default)]
pub struct Struct {
    /// Go's type name as errors show it (`*formatter.ContainerContext`).
    pub type_name: String,
    /// (Go field name, JSON key, value)
    pub fields: Vec<(String, String, Value)>,
    /// Labels behind a `.Label "key"` method, for list rows.
    pub labels: Option<BTreeMap<String, String>>,
    /// Encode with HTML escaping (list rows marshal through json.Marshal).
    pub json_escape_html: bool,
    /// JSON keys of fields Go omits when empty (`omitempty`), left out of `json`.
    pub omitted: Vec<String>,
}

impl Struct {
    pub fn field(&self, name: &str) -> Option<&Value> {
        self.fields.iter().find(|(go, _, _)| go == name).map(|(_, _, v)| v)
    }
}

impl Value {
    pub fn str(s: impl Into<String>) -> Value {
        Value::Str(s.into())
    }
    pub fn list(v: Vec<Value>) -> Value {
        Value::List(Rc::new(v))
    }

    /// Go's type name, as errors name it.
    pub fn type_name(&self) -> String {
        match self {
            Value::Invalid => "<invalid reflect.Value>".into(),
            Value::Nil(NilKind::Slice) | Value::List(_) => "[]interface {}".into(),
            Value::Nil(NilKind::Map) => "map[string]interface {}".into(),
            Value::Map(m) if m.any_values => "map[string]interface {}".into(),
            Value::Map(_) => "map[string]string".into(),
            Value::Nil(NilKind::Pointer) | Value::Nil(NilKind::Interface) => "interface {}".into(),
            Value::Bool(_) => "bool".into(),
            Value::Int(_) => "int".into(),
            Value::Uint(_) => "uint64".into(),
            Value::Float(_) => "float64".into(),
            Value::Number(_) => "json.Number".into(),
            Value::Str(_) => "string".into(),
            Value::Struct(s) => s.type_name.clone(),
        }
    }

    /// Go's truth: non-zero, non-empty, non-nil.
    pub fn truth(&self) -> bool {
        match self {
            Value::Invalid | Value::Nil(_) => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::Uint(u) => *u != 0,
            Value::Float(f) => *f != 0.0,
            Value::Number(n) => !n.is_empty(),
            Value::Str(s) => !s.is_empty(),
            Value::List(l) => !l.is_empty(),
            Value::Map(m) => !m.entries.is_empty(),
            Value::Struct(_) => true,
        }
    }
}

// ---- from JSON -------------------------------------------------------------

/// How a JSON document becomes template values.
#[derive(Clone, Copy, PartialEq)]
pub enum Mode {
    /// As Docker's typed Go structs: objects are structs (or maps where Go
    /// has a map), keys under Go's field names, nulls nil of their Go kind.
    Typed,
    /// As json.Decode into interface{} (inspect's fallback): objects are
    /// maps, nulls nil interfaces, numbers json.Number.
    Raw,
}

/// JSON keys whose Go field name differs (`Id` is `ID` in Go).
const GO_NAMES: &[(&str, &str)] = &[
    ("Id", "ID"),
    // events.Message's lower-case JSON keys.
    ("status", "Status"),
    ("id", "ID"),
    ("from", "From"),
    ("scope", "Scope"),
    ("time", "Time"),
    ("timeNano", "TimeNano"),
    ("ApiVersion", "APIVersion"),
    ("MinAPIVersion", "MinAPIVersion"),
    ("Dns", "DNS"),
    ("DnsOptions", "DNSOptions"),
    ("DnsSearch", "DNSSearch"),
    ("CpuShares", "CPUShares"),
    ("CpuPeriod", "CPUPeriod"),
    ("CpuQuota", "CPUQuota"),
    ("CpuRealtimePeriod", "CPURealtimePeriod"),
    ("CpuRealtimeRuntime", "CPURealtimeRuntime"),
    ("CpuCount", "CPUCount"),
    ("CpuPercent", "CPUPercent"),
    ("NanoCpus", "NanoCPUs"),
    ("CpuCfsPeriod", "CPUCfsPeriod"),
    ("CpuCfsQuota", "CPUCfsQuota"),
    ("CPUShares", "CPUShares"),
    ("IPv4Forwarding", "IPv4Forwarding"),
];

/// Keys whose value is a Go map (not a struct) in Docker's types.
const MAP_KEYS: &[&str] = &[
    "Labels",
    "Volumes",
    "ExposedPorts",
    "Ports",
    "PortBindings",
    "Options",
    "DriverOpts",
    "Sysctls",
    "Tmpfs",
    "StorageOpt",
    "Annotations",
    "Data",
    "Containers",
    "Status",
    "Networks",
    "Runtimes",
    "Services",
    "Peers",
    "AuxiliaryAddresses",
    "DriverData",
    "Spec",
];

/// Keys whose value is a Go slice: a null one prints `[]`.
const SLICE_KEYS: &[&str] = &[
    "Cmd",
    "Entrypoint",
    "Env",
    "OnBuild",
    "Shell",
    "Binds",
    "Links",
    "Dns",
    "DnsOptions",
    "DnsSearch",
    "ExtraHosts",
    "CapAdd",
    "CapDrop",
    "GroupAdd",
    "SecurityOpt",
    "Devices",
    "DeviceCgroupRules",
    "DeviceRequests",
    "BlkioWeightDevice",
    "BlkioDeviceReadBps",
    "BlkioDeviceWriteBps",
    "BlkioDeviceReadIOps",
    "BlkioDeviceWriteIOps",
    "Ulimits",
    "Mounts",
    "MaskedPaths",
    "ReadonlyPaths",
    "RepoTags",
    "RepoDigests",
    "Layers",
    "Aliases",
    "DNSNames",
    "VolumesFrom",
    "Test",
    "SecondaryIPAddresses",
    "SecondaryIPv6Addresses",
    "Log",
    "Warnings",
    "ExecIDs",
    "Config",
    "ConsoleSize",
    "Args",
    "Components",
    "SecurityOptions",
    "DriverStatus",
    "SystemStatus",
    "Plugins",
    "Volume",
    "Network",
    "Authorization",
    "Log",
    "InsecureRegistryCIDRs",
    "Mirrors",
    "DefaultAddressPools",
    "CDISpecDirs",
    "Links",
];

/// Fields Go has but omits from JSON when empty (`omitempty`): missing from
/// an object, they are nil of this kind rather than no such field.
const OMITTED: &[(&str, NilKind)] = &[
    ("Health", NilKind::Pointer),
    ("Healthcheck", NilKind::Pointer),
    ("SizeRw", NilKind::Pointer),
    ("SizeRootFs", NilKind::Pointer),
    ("Node", NilKind::Pointer),
    ("Status", NilKind::Map),
    ("ClusterVolume", NilKind::Pointer),
    ("UsageData", NilKind::Pointer),
    ("Shell", NilKind::Slice),
    ("Tmpfs", NilKind::Map),
    ("Sysctls", NilKind::Map),
    ("StorageOpt", NilKind::Map),
    ("Annotations", NilKind::Map),
    ("Mounts", NilKind::Slice),
    ("MaskedPaths", NilKind::Slice),
    ("ReadonlyPaths", NilKind::Slice),
    ("Metadata", NilKind::Pointer),
    ("Descriptor", NilKind::Pointer),
    ("Manifests", NilKind::Slice),
    ("Platform", NilKind::Pointer),
];

pub fn nil_kind(key: &str) -> NilKind {
    if SLICE_KEYS.contains(&key) {
        NilKind::Slice
    } else if MAP_KEYS.contains(&key) {
        NilKind::Map
    } else {
        NilKind::Pointer
    }
}

/// The Go field name of a JSON key.
pub fn go_name(key: &str) -> &str {
    GO_NAMES.iter().find(|(j, _)| *j == key).map(|(_, g)| *g).unwrap_or(key)
}

/// A missing struct field that Go has but omitted: nil of its kind.
pub fn omitted_field(name: &str) -> Option<Value> {
    OMITTED.iter().find(|(k, _)| *k == name).map(|(_, kind)| Value::Nil(*kind))
}

/// Omitted booleans (`omitempty` on a bool): false.
const OMITTED_BOOLS: &[&str] = &["ArgsEscaped", "Dangling", "EnableIPv4"];

/// The zero value of a field serde skipped as empty: nil for slices, maps
/// and pointers, false for the booleans, else Go's empty string.
pub fn skipped_zero(key: &str) -> Value {
    if let Some(v) = omitted_field(key).filter(|v| matches!(v, Value::Nil(NilKind::Pointer))) {
        return v;
    }
    if OMITTED_BOOLS.contains(&key) {
        return Value::Bool(false);
    }
    match nil_kind(key) {
        NilKind::Pointer => Value::str(""),
        kind => Value::Nil(kind),
    }
}

/// Converts a JSON document, `type_name` naming its top-level Go type.
pub fn from_json(v: &serde_json::Value, mode: Mode, type_name: &str) -> Value {
    convert(v, mode, "", type_name)
}

fn convert(v: &serde_json::Value, mode: Mode, key: &str, type_name: &str) -> Value {
    use serde_json::Value as J;
    match v {
        J::Null => match mode {
            Mode::Typed => Value::Nil(nil_kind(key)),
            Mode::Raw => Value::Nil(NilKind::Interface),
        },
        J::Bool(b) => Value::Bool(*b),
        J::Number(n) => match mode {
            Mode::Raw => Value::Number(n.to_string()),
            Mode::Typed => {
                if let Some(i) = n.as_i64() {
                    Value::Int(i)
                } else if let Some(u) = n.as_u64() {
                    Value::Uint(u)
                } else {
                    Value::Float(n.as_f64().unwrap_or(0.0))
                }
            }
        },
        J::String(s) => Value::Str(s.clone()),
        J::Array(a) => Value::list(a.iter().map(|e| convert(e, mode, "", "")).collect()),
        J::Object(o) => {
            let is_map = mode == Mode::Raw
                || MAP_KEYS.contains(&key)
                || (key == "Config" && o.keys().all(|k| !k.starts_with(char::is_uppercase)));
            if is_map {
                let entries = o.iter().map(|(k, e)| (k.clone(), convert(e, mode, "", ""))).collect();
                let any_values = mode == Mode::Raw || o.values().any(|e| e.is_object() || e.is_array());
                return Value::Map(Rc::new(Map { entries, any_values, raw: mode == Mode::Raw }));
            }
            let mut s = Struct { type_name: type_name.to_string(), ..Default::default() };
            for (k, e) in o {
                if k == "_labels" {
                    if let J::Object(l) = e {
                        s.labels = Some(
                            l.iter()
                                .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
                                .collect(),
                        );
                    }
                    continue;
                }
                if k.starts_with('_') {
                    continue;
                }
                s.fields.push((
                    go_name(k).to_string(),
                    k.clone(),
                    convert(e, mode, k, &nested_type(type_name, k)),
                ));
            }
            Value::Struct(Rc::new(s))
        }
    }
}

/// The Go type of a nested struct, for error messages.
fn nested_type(parent: &str, key: &str) -> String {
    let t = match (parent, key) {
        (_, "State") => "*container.State",
        (_, "HostConfig") => "*container.HostConfig",
        (_, "NetworkSettings") => "*container.NetworkSettings",
        (_, "GraphDriver") => "storage.DriverData",
        (_, "RestartPolicy") => "container.RestartPolicy",
        (_, "LogConfig") => "container.LogConfig",
        (_, "IPAM") => "network.IPAM",
        (_, "RootFS") => "image.RootFS",
        (_, "Swarm") => "swarm.Info",
        (_, "Plugins") => "system.PluginsInfo",
        (_, "RegistryConfig") => "*registry.ServiceConfig",
        (_, "Server") => "*types.ServerVersion",
        (_, "Client") => "client.Version",
        (p, "Config") if p.contains("image") => "*container.Config",
        (_, "Config") => "*container.Config",
        _ => "struct",
    };
    t.to_string()
}
