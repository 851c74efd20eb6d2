#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| regula_fuzz::facts(data));
