//! A serde `Serializer` that feeds FNV-1a directly: the per-week state hash without building
//! text. Floats hash by their exact bits, so the hash is the determinism oracle (MODEL.md §10).

use serde::ser::{self, Serialize};

/// FNV-1a 64 accumulator that any `Serialize` value can be written into.
pub struct StateHasher(pub u64);

impl Default for StateHasher {
    fn default() -> Self {
        StateHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl StateHasher {
    pub fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    /// Mixes a whole 64-bit word at once (FNV-style on words: eight times fewer steps).
    pub fn word(&mut self, w: u64) {
        self.0 = (self.0 ^ w).wrapping_mul(0x0100_0000_01b3).rotate_left(29);
    }

    /// Adds a value; serialization into a hasher cannot fail.
    pub fn add<T: Serialize + ?Sized>(&mut self, v: &T) {
        let _ = v.serialize(&mut *self);
    }
}

#[derive(Debug)]
pub struct Never;

impl std::fmt::Display for Never {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("hashing never fails")
    }
}

impl std::error::Error for Never {}

impl ser::Error for Never {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Never
    }
}

macro_rules! prim {
    ($($f:ident: $t:ty => $e:expr),* $(,)?) => {$(
        fn $f(self, v: $t) -> Result<(), Never> {
            let bytes = $e(v);
            self.write(&bytes);
            Ok(())
        }
    )*};
}

impl ser::Serializer for &mut StateHasher {
    type Ok = ();
    type Error = Never;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    prim! {
        serialize_bool: bool => |v: bool| [u8::from(v)],
        serialize_i8: i8 => |v: i8| v.to_le_bytes(),
        serialize_i16: i16 => |v: i16| v.to_le_bytes(),
        serialize_i32: i32 => |v: i32| v.to_le_bytes(),
        serialize_i64: i64 => |v: i64| v.to_le_bytes(),
        serialize_u8: u8 => |v: u8| v.to_le_bytes(),
        serialize_u16: u16 => |v: u16| v.to_le_bytes(),
        serialize_u32: u32 => |v: u32| v.to_le_bytes(),

        serialize_f32: f32 => |v: f32| v.to_bits().to_le_bytes(),

        serialize_char: char => |v: char| u32::from(v).to_le_bytes(),
    }

    fn serialize_u64(self, v: u64) -> Result<(), Never> {
        self.word(v);
        Ok(())
    }
    fn serialize_f64(self, v: f64) -> Result<(), Never> {
        self.word(v.to_bits());
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), Never> {
        self.write(&(v.len() as u64).to_le_bytes());
        self.write(v.as_bytes());
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Never> {
        self.write(&(v.len() as u64).to_le_bytes());
        self.write(v);
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Never> {
        self.write(&[0]);
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), Never> {
        self.write(&[1]);
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Never> {
        Ok(())
    }
    fn serialize_unit_variant(self, _: &'static str, i: u32, _: &'static str) -> Result<(), Never> {
        self.write(&i.to_le_bytes());
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), Never> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        i: u32,
        _: &'static str,
        v: &T,
    ) -> Result<(), Never> {
        self.write(&i.to_le_bytes());
        v.serialize(self)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Self, Never> {
        self.write(&(len.unwrap_or(0) as u64).to_le_bytes());
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self, Never> {
        Ok(self)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self, Never> {
        Ok(self)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        i: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, Never> {
        self.write(&i.to_le_bytes());
        Ok(self)
    }
    fn serialize_map(self, len: Option<usize>) -> Result<Self, Never> {
        self.write(&(len.unwrap_or(0) as u64).to_le_bytes());
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self, Never> {
        Ok(self)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        i: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self, Never> {
        self.write(&i.to_le_bytes());
        Ok(self)
    }
}

macro_rules! compound {
    ($tr:ident, $m:ident $(, $key:ident)?) => {
        impl ser::$tr for &mut StateHasher {
            type Ok = ();
            type Error = Never;
            fn $m<T: Serialize + ?Sized>(&mut self, $($key: &'static str,)? v: &T) -> Result<(), Never> {
                v.serialize(&mut **self)
            }
            fn end(self) -> Result<(), Never> {
                Ok(())
            }
        }
    };
}

compound!(SerializeSeq, serialize_element);
compound!(SerializeTuple, serialize_element);
compound!(SerializeTupleStruct, serialize_field);
compound!(SerializeTupleVariant, serialize_field);
compound!(SerializeStruct, serialize_field, _key);
compound!(SerializeStructVariant, serialize_field, _key);

impl ser::SerializeMap for &mut StateHasher {
    type Ok = ();
    type Error = Never;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Result<(), Never> {
        k.serialize(&mut **self)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Never> {
        v.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Never> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_values_hash_equal_and_bits_matter() {
        let h = |v: &(f64, Vec<u32>, Option<String>)| {
            let mut s = StateHasher::default();
            s.add(v);
            s.0
        };
        let a = (1.5, vec![1, 2], Some("x".to_string()));
        assert_eq!(h(&a), h(&a.clone()));
        assert_ne!(
            h(&a),
            h(&(1.5 + f64::EPSILON, vec![1, 2], Some("x".to_string())))
        );
        assert_ne!(h(&a), h(&(1.5, vec![2, 1], Some("x".to_string()))));
    }
}
