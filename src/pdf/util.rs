//! Small lopdf helpers that never fail loudly: a missing or mistyped object is `None`.

use pdf_extract::{Dictionary, Document, Object, Stream};

static NULL: Object = Object::Null;

/// Follow references (a few hops at most, cycles end in `Null`).
pub fn deref<'a>(doc: &'a Document, mut o: &'a Object) -> &'a Object {
    for _ in 0..16 {
        match o {
            Object::Reference(id) => match doc.objects.get(id) {
                Some(next) => o = next,
                None => return &NULL,
            },
            _ => return o,
        }
    }
    &NULL
}

/// A dictionary entry, dereferenced; `None` when absent or null.
pub fn dict_get<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    match d.get(key).ok().map(|o| deref(doc, o)) {
        None | Some(Object::Null) => None,
        Some(o) => Some(o),
    }
}

pub fn num(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)).filter(|v| v.is_finite()),
        _ => None,
    }
}

pub fn name_of(o: &Object) -> Option<String> {
    match o {
        Object::Name(n) => Some(String::from_utf8_lossy(n).into_owned()),
        _ => None,
    }
}

/// Numbers of an array entry (e.g. a box or a matrix).
pub fn nums(doc: &Document, o: Option<&Object>) -> Option<Vec<f64>> {
    match o {
        Some(Object::Array(a)) => a.iter().map(|v| num(deref(doc, v))).collect(),
        _ => None,
    }
}

/// A stream's data with its filters undone; raw when it has none.
pub fn stream_data(s: &Stream) -> Option<Vec<u8>> {
    if s.dict.get(b"Filter").is_err() {
        return Some(s.content.clone());
    }
    s.decompressed_content().ok()
}
