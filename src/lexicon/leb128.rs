//! The numbers of `compiled.bin` (and of the trie's recorded layout inside it): unsigned LEB128, seven
//! bits a byte, low bits first.

/// Appends `v` to `out` as LEB128.
pub(super) fn push_num(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads what `push_num` writes, and the raw bytes beside the numbers.
pub(super) struct Reader<'a> {
    pub bytes: &'a [u8],
    pub at: usize,
}

impl<'a> Reader<'a> {
    pub fn num(&mut self) -> Option<u64> {
        let mut v = 0;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            v |= ((b & 0x7F) as u64) << shift;
            if b < 0x80 {
                return Some(v);
            }
        }
        None
    }

    /// A number of items still to read, each at least one byte long.
    pub fn count(&mut self) -> Option<usize> {
        let n = self.num()? as usize;
        (n <= self.bytes.len() - self.at).then_some(n)
    }

    pub fn byte(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    pub fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let bytes = self.bytes.get(self.at..self.at.checked_add(n)?)?;
        self.at += n;
        Some(bytes)
    }
}
