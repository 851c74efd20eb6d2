pub fn emit() {}
