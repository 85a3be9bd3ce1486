//! Template values straight from typed structs (the Engine API types) by
//! serde: structs stay structs in field order, maps maps, and a field Go
//! omits when empty (`skip_serializing_if`) is there as a nil, as in Go.

use std::collections::BTreeMap;
use std::rc::Rc;

use serde::ser::{self, Serialize};

use super::value::{go_name, nil_kind, skipped_zero, Map, NilKind, Struct, Value};

#[derive(Debug)]
pub struct Unsupported(String);

impl std::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for Unsupported {}
impl ser::Error for Unsupported {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Unsupported(msg.to_string())
    }
}

/// The template value of `v`; `type_name` names its Go type in errors.
pub fn to_value<T: Serialize + ?Sized>(v: &T, type_name: &str) -> Value {
    let mut out = v.serialize(Serializer).unwrap_or(Value::Invalid);
    if let Value::Struct(s) = &mut out {
        Rc::make_mut(s).type_name = type_name.to_string();
    }
    out
}

struct Serializer;

type R = Result<Value, Unsupported>;

fn int(i: i64) -> R {
    Ok(Value::Int(i))
}

impl ser::Serializer for Serializer {
    type Ok = Value;
    type Error = Unsupported;
    type SerializeSeq = Seq;
    type SerializeTuple = Seq;
    type SerializeTupleStruct = Seq;
    type SerializeTupleVariant = Seq;
    type SerializeMap = MapSer;
    type SerializeStruct = StructSer;
    type SerializeStructVariant = StructSer;

    fn serialize_bool(self, v: bool) -> R {
        Ok(Value::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> R {
        int(v.into())
    }
    fn serialize_i16(self, v: i16) -> R {
        int(v.into())
    }
    fn serialize_i32(self, v: i32) -> R {
        int(v.into())
    }
    fn serialize_i64(self, v: i64) -> R {
        int(v)
    }
    fn serialize_u8(self, v: u8) -> R {
        int(v.into())
    }
    fn serialize_u16(self, v: u16) -> R {
        int(v.into())
    }
    fn serialize_u32(self, v: u32) -> R {
        int(v.into())
    }
    fn serialize_u64(self, v: u64) -> R {
        Ok(i64::try_from(v).map(Value::Int).unwrap_or(Value::Uint(v)))
    }
    fn serialize_f32(self, v: f32) -> R {
        Ok(Value::Float(v.into()))
    }
    fn serialize_f64(self, v: f64) -> R {
        Ok(Value::Float(v))
    }
    fn serialize_char(self, v: char) -> R {
        Ok(Value::str(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> R {
        Ok(Value::str(v))
    }
    fn serialize_bytes(self, v: &[u8]) -> R {
        Ok(Value::list(v.iter().map(|b| Value::Int((*b).into())).collect()))
    }
    fn serialize_none(self) -> R {
        Ok(Value::Nil(NilKind::Pointer))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> R {
        v.serialize(self)
    }
    fn serialize_unit(self) -> R {
        Ok(Value::Nil(NilKind::Pointer))
    }
    fn serialize_unit_struct(self, name: &'static str) -> R {
        Ok(Value::Struct(Rc::new(Struct { type_name: name.into(), ..Default::default() })))
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> R {
        Ok(Value::str(variant))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, v: &T) -> R {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        v: &T,
    ) -> R {
        v.serialize(self)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Seq, Unsupported> {
        Ok(Seq(Vec::with_capacity(len.unwrap_or(0))))
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq, Unsupported> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Seq, Unsupported> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        len: usize,
    ) -> Result<Seq, Unsupported> {
        self.serialize_seq(Some(len))
    }
    fn serialize_map(self, len: Option<usize>) -> Result<MapSer, Unsupported> {
        // A struct with `#[serde(flatten)]` fields comes as a map of unknown
        // length: it is still a struct (an embedded one, in Go).
        Ok(MapSer { entries: Vec::new(), key: None, is_struct: len.is_none() })
    }
    fn serialize_struct(self, name: &'static str, _: usize) -> Result<StructSer, Unsupported> {
        Ok(StructSer(Struct { type_name: name.into(), ..Default::default() }))
    }
    fn serialize_struct_variant(
        self,
        name: &'static str,
        _: u32,
        _: &'static str,
        len: usize,
    ) -> Result<StructSer, Unsupported> {
        self.serialize_struct(name, len)
    }
}

pub struct Seq(Vec<Value>);

impl ser::SerializeSeq for Seq {
    type Ok = Value;
    type Error = Unsupported;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unsupported> {
        self.0.push(v.serialize(Serializer)?);
        Ok(())
    }
    fn end(self) -> R {
        Ok(Value::list(self.0))
    }
}
impl ser::SerializeTuple for Seq {
    type Ok = Value;
    type Error = Unsupported;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unsupported> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> R {
        ser::SerializeSeq::end(self)
    }
}
impl ser::SerializeTupleStruct for Seq {
    type Ok = Value;
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unsupported> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> R {
        ser::SerializeSeq::end(self)
    }
}
impl ser::SerializeTupleVariant for Seq {
    type Ok = Value;
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unsupported> {
        ser::SerializeSeq::serialize_element(self, v)
    }
    fn end(self) -> R {
        ser::SerializeSeq::end(self)
    }
}

pub struct MapSer {
    entries: Vec<(String, Value)>,
    key: Option<String>,
    is_struct: bool,
}

/// A field's value, a nil taking the kind Go gives that field.
fn field_value(key: &str, v: Value) -> Value {
    match v {
        Value::Nil(_) => Value::Nil(nil_kind(key)),
        v => v,
    }
}

impl ser::SerializeMap for MapSer {
    type Ok = Value;
    type Error = Unsupported;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Result<(), Unsupported> {
        self.key = Some(match k.serialize(Serializer)? {
            Value::Str(s) => s,
            v => super::fmt::print(&v),
        });
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unsupported> {
        let key = self.key.take().unwrap_or_default();
        let v = v.serialize(Serializer)?;
        self.entries.push((key, v));
        Ok(())
    }
    fn end(self) -> R {
        if self.is_struct {
            let fields = self
                .entries
                .into_iter()
                .map(|(k, v)| (go_name(&k).to_string(), k.clone(), field_value(&k, v)))
                .collect();
            return Ok(Value::Struct(Rc::new(Struct { fields, ..Default::default() })));
        }
        let any_values =
            self.entries.iter().any(|(_, v)| matches!(v, Value::Struct(_) | Value::Map(_) | Value::List(_)));
        let entries: BTreeMap<String, Value> = self.entries.into_iter().collect();
        Ok(Value::Map(Rc::new(Map { entries, any_values, raw: false })))
    }
}

pub struct StructSer(Struct);

impl ser::SerializeStruct for StructSer {
    type Ok = Value;
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Unsupported> {
        let v = field_value(key, v.serialize(Serializer)?);
        self.0.fields.push((go_name(key).to_string(), key.to_string(), v));
        Ok(())
    }
    /// Omitted when empty, as Go's `omitempty`: the field is still there, nil.
    fn skip_field(&mut self, key: &'static str) -> Result<(), Unsupported> {
        self.0.fields.push((go_name(key).to_string(), key.to_string(), skipped_zero(key)));
        self.0.omitted.push(key.to_string());
        Ok(())
    }
    fn end(self) -> R {
        Ok(Value::Struct(Rc::new(self.0)))
    }
}

impl ser::SerializeStructVariant for StructSer {
    type Ok = Value;
    type Error = Unsupported;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), Unsupported> {
        ser::SerializeStruct::serialize_field(self, key, v)
    }
    fn end(self) -> R {
        ser::SerializeStruct::end(self)
    }
}
