//! The `regula` binary as users run it: exit codes, bad input, and the example applicant's
//! decisions (snapshot).

use std::process::Command;

use crate::support::root;

fn regula(args: &[&str], stdin: Option<&str>) -> (i32, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_regula"));
    cmd.args(args).current_dir(root());
    let out = if let Some(input) = stdin {
        use std::io::Write;
        let mut child = cmd
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(input.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    } else {
        cmd.output().unwrap()
    };
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn check_is_clean_on_the_corpus() {
    let (code, out, err) = regula(&["check", "policies"], None);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("0 errors"));
}

#[test]
fn check_exits_1_on_a_bad_tree_and_2_on_a_missing_path() {
    let dir = std::env::temp_dir().join(format!("regula-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("bad.yaml"), "rules: [\n").unwrap();
    let (code, _, err) = regula(&["check", dir.to_str().unwrap()], None);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("E0001"), "{err}");
    let (code, _, _) = regula(&["check", "--format", "json", dir.to_str().unwrap()], None);
    assert_eq!(code, 1);
    let (code, _, err) = regula(&["check", "/no/such/dir"], None);
    assert_eq!(code, 2, "{err}");
    let (code, _, _) = regula(&["frobnicate"], None);
    assert_eq!(code, 2);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn eval_rejects_bad_facts_with_the_field_path_and_exit_2() {
    for (input, path) in [
        ("enterprise: {revenue: lots}", "enterprise.revenue"),
        ("enterprise: {loans: [{principal: 100}, {term: many}]}", "enterprise.loans[1].term"),
        ("enterprise: {registration_date: 2020-13-01}", "enterprise.registration_date"),
        ("enterprise: {nonsense: true}", "enterprise.nonsense"),
        ("person: {applicant_group: astronaut}", "person.applicant_group"),
        ("enterprise: {revenue: -5000}", "enterprise.revenue"),
        ("enterprise: {revenue: 5000.001}", "enterprise.revenue"),
        ("enterprise: {revenue: 1e30}", "enterprise.revenue"),
        ("enterprise: {revenue: 2万亿元}", "enterprise.revenue"),
        ("enterprise: {revenue: .inf}", "enterprise.revenue"),
        ("enterprise: {revenue: !money 5}", "enterprise.revenue"),
        ("enterprise: {employees: 1.5}", "enterprise.employees"),
        ("enterprise: {is_individual_business: 1}", "enterprise.is_individual_business"),
        ("enterprise: {registration_date: 10000-01-01}", "enterprise.registration_date"),
        ("enterprise: {loans: [{rate: 0.03}]}", "enterprise.loans[0].rate"),
    ] {
        for extra in [&[][..], &["--policies", "policies"][..]] {
            let mut args = vec!["eval", "-", "--as-of", "2020-12-01"];
            args.extend_from_slice(extra);
            let (code, out, err) = regula(&args, Some(input));
            assert_eq!(code, 2, "{input}: {out}{err}");
            assert!(err.contains(path), "{input}: error does not name {path}: {err}");
            assert!(out.is_empty(), "{input}: partial output printed: {out}");
        }
    }
    let (code, _, err) = regula(&["eval", "-", "--as-of", "2020-02-30"], Some("{}"));
    assert_eq!(code, 2, "{err}");
    let (code, _, err) = regula(&["eval", "-"], Some("[1, 2"));
    assert_eq!(code, 2, "{err}");
}

#[test]
fn example_applicant_decisions() {
    let (code, out, err) = regula(&["eval", "examples/applicant.yaml", "--explain"], None);
    assert_eq!(code, 0, "{err}");
    insta::assert_snapshot!("example_applicant_explained", out);
    let (code, interpreted, err) = regula(&["eval", "examples/applicant.yaml", "--explain", "--policies", "policies"], None);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, interpreted, "compiled and interpreted explanations differ");
    let (_, json, _) = regula(&["eval", "examples/applicant.yaml", "--format", "json"], None);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let subsidy = v["decisions"].as_array().unwrap().iter().find(|d| d["rule"] == "cc47.interest_subsidy").unwrap();
    assert_eq!(subsidy["status"], "applies");
    assert!(subsidy["citation"]["quote"].as_str().unwrap().contains("３０万元"));
}

#[test]
fn eval_one_rule_as_of_a_date_outside_its_window() {
    let (code, out, _) = regula(&["eval", "examples/applicant.yaml", "--rule", "cc47.interest_subsidy", "--as-of", "2021-10-29"], None);
    assert_eq!(code, 0);
    assert!(out.contains("不在施行期内"), "{out}");
}

#[test]
fn regula_test_passes_in_both_modes() {
    let (code, out, err) = regula(&["test"], None);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("compiled:") && out.contains("interpreted:"), "{out}");
}
