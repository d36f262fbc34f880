// libFuzzer target: any bytes, read as a YAML CV and as a JSON Resume file,
// through the whole pipeline of `cvpress build` in memory: load -> tailor
// (with the file's first profile too) -> fit and layout -> PDF and LaTeX.
// Nothing may crash, hang, leak or trip a sanitizer, and three properties
// must hold; a violation aborts, so that libFuzzer keeps the input:
//   - every diagnostic renders;
//   - the YAML written for a JSON Resume file is valid YAML that the loader
//     reads back without a syntax or encoding error (what `cvpress import`
//     writes always loads);
//   - yaml_scalar() reads back as the text it was given.
// Build and run: fuzz/run.sh (see README.md, "Robustness and fuzzing").
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "fit/fit.h"
#include "latex/writer.h"
#include "layout/layout.h"
#include "load/json_resume.h"
#include "load/yaml_loader.h"
#include "load/yaml_writer.h"
#include "pdf/writer.h"
#include "style/style.h"
#include "style/style_loader.h"
#include "tailor/profile.h"
#include "tailor/tailor.h"
#include "text/font_book.h"
#include "text/utf8.h"

namespace {

using namespace cvpress;

[[noreturn]] void violated(const char* what, std::string_view detail) {
  std::fprintf(stderr, "property violated: %s\n%.*s\n", what, static_cast<int>(detail.size()),
               detail.data());
  std::abort();
}

// The default style, as `cvpress build` loads it (fonts, fallback and math
// fonts resolved).
const Style& style() {
  static const Style resolved = [] {
    Diagnostics problems;
    Style s = load_style("classic", problems);
    if (problems.has_errors()) {
      std::fprintf(stderr, "fuzz_build: %s", render_style_diagnostics(problems).c_str());
      std::exit(1);
    }
    return s;
  }();
  return resolved;
}

// What `cvpress build` does after loading (cli/build_command.cpp), in memory.
void build(const Cv& cv, const Tailoring& how) {
  FontBook fonts;
  const Document tailored = prepare_for_style(tailor(cv, how), style(), fonts);
  std::vector<FitResult> fitted;
  for (const bool onepage : {false, true}) {
    FitResult variant = fit_variant(tailored, style(), fonts, onepage, 0);
    if (variant.fits) fitted.push_back(std::move(variant));
  }
  std::vector<PdfSource> sources;
  for (const FitResult& f : fitted) {
    sources.push_back({&f.pages, &f.doc.meta});
    (void)write_latex(f.doc, f.style);
  }
  (void)write_pdfs(sources, fonts, "D:20240101000000Z");
}

void load_and_build(const LoadResult& loaded, const std::string& text, bool json) {
  (void)loaded.diags.render(loaded.source);
  if (loaded.diags.has_errors()) return;
  build(loaded.cv, {});
  if (loaded.cv.profiles.empty()) return;
  // The first profile: its overrides change the file, its filters the CV.
  const std::string& name = loaded.cv.profiles.front().name;
  const LoadResult with = json ? load_json_resume_text(text, "fuzz.json", {name, {}})
                               : load_cv_text(text, "fuzz.yaml", {name, {}});
  (void)with.diags.render(with.source);
  if (with.diags.has_errors()) return;
  if (const Profile* profile = find_profile(with.cv, name))
    build(with.cv, with_profile(*profile, {}));
}

void check_scalar_round_trip(const std::string& text) {
  if (text.size() > 4096 || !is_utf8(text) || text.find('\0') != std::string::npos) return;
  const std::string written = yaml_scalar(text);
  std::string read;
  try {
    read = YAML::Load("k: " + written)["k"].as<std::string>();
  } catch (const YAML::Exception& e) {
    violated("yaml_scalar() wrote invalid YAML", written);
  }
  // yaml-cpp reads CRLF in quoted text as a line feed, as YAML says; the
  // loader has turned CRLF into LF before any text reaches the writer.
  if (read != text && text.find('\r') == std::string::npos) {
    violated("yaml_scalar() does not read back as its text", written);
  }
}

void check_imported_yaml(const std::string& text) {
  const JsonResumeYaml converted = json_resume_to_yaml(text, "fuzz.json");
  if (converted.yaml.text.empty()) return;
  const LoadResult loaded = load_cv_text(converted.yaml.text, "fuzz.yaml");
  for (const Diagnostic& d : loaded.diags.all()) {
    const std::string& m = d.message;
    if (m.starts_with("invalid YAML") || m.find("nest deeper") != std::string::npos ||
        m.find("UTF-8") != std::string::npos || m.find("control character") != std::string::npos ||
        m.find("is not used by cvpress") != std::string::npos ||
        m.find("unknown key") != std::string::npos || m.starts_with("duplicate key")) {
      violated("the YAML written for a JSON Resume file does not load cleanly",
               m + "\n" + converted.yaml.text);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  load_and_build(load_cv_text(text, "fuzz.yaml"), text, false);
  load_and_build(load_json_resume_text(text, "fuzz.json"), text, true);
  check_imported_yaml(text);
  check_scalar_round_trip(text);
  return 0;
}
