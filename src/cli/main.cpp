// cvpress command line: parses arguments and dispatches to the commands.
#include <CLI/CLI.hpp>

#include <charconv>
#include <iostream>
#include <new>
#include <system_error>

#include "cli/build_command.h"
#include "cli/import_command.h"
#include "cli/validate_command.h"
#include "load/overrides.h"
#include "load/schema.h"
#include "load/yaml_loader.h"

namespace {

// Exit codes beyond the design's 0-4: a bug, not a problem of the input or
// the output folder (sysexits.h EX_SOFTWARE).
constexpr int kInternalError = 70;

int run_schema(bool markdown) {
  const cvpress::InputSchema& schema = cvpress::input_schema();
  std::cout << (markdown ? cvpress::markdown_reference(schema) : cvpress::json_schema(schema));
  return 0;
}

// --since takes a year.
std::string check_year(const std::string& arg) {
  int year = 0;
  const auto [end, ec] = std::from_chars(arg.data(), arg.data() + arg.size(), year);
  if (ec == std::errc() && end == arg.data() + arg.size() && year >= 1 && year <= 9999) return "";
  return "`" + arg + "` is not a year; write one such as 2020 (entries that ended before it go)";
}

// --set takes PATH=VALUE; the loader checks the path.
std::string check_override(const std::string& arg) {
  return cvpress::parse_override(arg) ? "" : "expected PATH=VALUE, e.g. cv.headline=\"...\"";
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"cvpress: one YAML CV -> a full and a one-page CV, as PDF and LaTeX"};
  app.set_version_flag("--version", CVPRESS_VERSION);
  app.require_subcommand(1);

  cvpress::BuildOptions build;
  CLI::App* build_cmd = app.add_subcommand("build", "write the CV as PDF and LaTeX");
  build_cmd->add_option("file", build.input, "input CV (YAML)")->capture_default_str();
  build_cmd->add_option("-o,--output", build.out_dir, "output folder")->capture_default_str();
  build_cmd->add_option("--variant", build.variant, "which CVs to write")
      ->check(CLI::IsMember({"all", "full", "onepage"}))
      ->capture_default_str();
  build_cmd->add_option("--format", build.formats, "output formats")
      ->delimiter(',')
      ->allow_extra_args(false)
      ->check(CLI::IsMember({"pdf", "tex"}));
  build_cmd->add_option("--style", build.style, "style name or style file");
  build_cmd->add_option("--paper", build.paper, "page size")
      ->check(CLI::IsMember({"a4", "letter"}));
  build_cmd->add_option("--profile", build.profile, "a profile of the CV's profiles:");
  // A list option takes one argument per use (T1,T2), so the input file after
  // it stays the input file.
  build_cmd->add_option("--tags", build.tags, "keep tagged items only with one of these tags")
      ->delimiter(',')
      ->allow_extra_args(false);
  build_cmd->add_option("--exclude-tags", build.exclude_tags, "drop items with any of these tags")
      ->delimiter(',')
      ->allow_extra_args(false);
  build_cmd->add_option("--sections", build.sections, "only these sections, in this order")
      ->delimiter(',')
      ->allow_extra_args(false);
  build_cmd->add_option("--since", build.since, "drop entries that ended before YEAR")
      ->check(CLI::Validator(check_year, "YEAR"));
  build_cmd->add_option("--set", build.overrides, "override a field by dot path: PATH=VALUE")
      ->allow_extra_args(false)
      ->check(CLI::Validator(check_override, "PATH=VALUE"));
  build_cmd->add_option("--max-pages", build.max_pages, "page budget of the full CV")
      ->check(CLI::PositiveNumber);
  build_cmd->add_flag("--explain", build.explain, "say what the fitter dropped and why");
  build_cmd->add_flag("--strict", build.strict, "missing glyphs are errors");

  std::string validate_file;
  CLI::App* validate_cmd = app.add_subcommand("validate", "check a CV file");
  validate_cmd->add_option("file", validate_file, "input CV")->required();

  bool markdown = false;
  CLI::App* schema_cmd =
      app.add_subcommand("schema", "print the JSON Schema of the input (for editors)");
  schema_cmd->add_flag("--markdown", markdown, "print a Markdown reference of every key instead");

  cvpress::ImportOptions import;
  CLI::App* import_cmd =
      app.add_subcommand("import",
                         "write a JSON Resume file as cvpress YAML (fields without a "
                         "counterpart as comments)");
  import_cmd->add_option("file", import.input, "input JSON Resume file")->required();
  import_cmd->add_option(
      "-o,--output", import.output,
      "output YAML file (default: <file's stem>.yaml here; - for standard output)");
  import_cmd->add_flag("--force", import.force, "replace the output file if it exists");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }
  // An exception that reaches here is a bug in cvpress (or memory ran out):
  // it is said as such, with exit code 70 (EX_SOFTWARE), and no output is
  // written, since every output is written at the very end.
  try {
    if (*build_cmd) return cvpress::run_build(build);
    if (*validate_cmd) return cvpress::run_validate(validate_file);
    if (*schema_cmd) return run_schema(markdown);
    if (*import_cmd) return cvpress::run_import(import);
  } catch (const std::bad_alloc&) {
    std::cerr << "cvpress: internal error: out of memory; nothing was written\n";
    return kInternalError;
  } catch (const std::exception& e) {
    std::cerr << "cvpress: internal error: " << e.what()
              << "; nothing was written\n  note: this is a bug in cvpress; please report it "
                 "with the input file\n";
    return kInternalError;
  } catch (...) {
    std::cerr << "cvpress: internal error: unknown exception; nothing was written\n"
                 "  note: this is a bug in cvpress; please report it with the input file\n";
    return kInternalError;
  }
  return 2;
}
