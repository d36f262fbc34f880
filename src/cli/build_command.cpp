#include "cli/build_command.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <future>
#include <iostream>
#include <stdexcept>

#include "cli/output.h"
#include "cli/validate_command.h"
#include "fit/fit.h"
#include "latex/escape.h"
#include "latex/writer.h"
#include "layout/coverage.h"
#include "layout/layout.h"
#include "load/yaml_loader.h"
#include "pdf/writer.h"
#include "style/fonts.h"
#include "style/style_loader.h"
#include "tailor/profile.h"
#include "tailor/tailor.h"
#include "text/font_book.h"

namespace cvpress {
namespace {

constexpr int kBadInput = 1;
constexpr int kUsage = 2;
constexpr int kOverBudget = 3;
constexpr int kCannotWrite = 4;

// SOURCE_DATE_EPOCH, else settings.current_date, else none: the same input
// always gives the same bytes.
std::string creation_date(const Cv& cv) {
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) {
    char* end = nullptr;
    const long long seconds = std::strtoll(epoch, &end, 10);
    if (end && *end == '\0' && end != epoch) {
      const std::time_t t = static_cast<std::time_t>(seconds);
      std::tm tm{};
      gmtime_r(&t, &tm);
      char buffer[32];
      std::strftime(buffer, sizeof buffer, "D:%Y%m%d%H%M%SZ", &tm);
      return buffer;
    }
  }
  if (cv.current_date.year) {
    return fmt::format("D:{:04}{:02}{:02}000000Z", cv.current_date.year,
                       cv.current_date.month ? cv.current_date.month : 1,
                       cv.current_date.day ? cv.current_date.day : 1);
  }
  return "";
}

// Math passes to LaTeX only when every command is on the allow-list; any
// other is an error at the text's location.
bool math_is_safe(const Document& doc) {
  bool safe = true;
  for_each_text(doc, [&](const RichText& text, const char* field, const SourceLoc& loc) {
    for (const Span& span : text) {
      std::string bad;
      if (span.kind != SpanKind::Math || !check_math(span.text, &bad).empty()) continue;
      std::cerr << fmt::format(
          "{}:{}:{}: error: math in {} uses `{}`, which cvpress does not allow\n"
          "  hint: math may use Greek letters, \\frac, \\sqrt, \\left/\\right, "
          "\\mathrm-style fonts, operators and spacing commands\n",
          loc.file, loc.line, loc.col, field, bad);
      safe = false;
    }
  });
  return safe;
}

// Whether the loader's errors include an unknown --profile: a usage error,
// like a --sections name that matches no section.
bool names_no_profile(const Diagnostics& diags) {
  return std::any_of(diags.all().begin(), diags.all().end(), [](const Diagnostic& d) {
    return d.severity == Severity::Error && d.loc.file == "--profile";
  });
}

bool has_entries(const Cv& cv) {
  return std::any_of(cv.sections.begin(), cv.sections.end(),
                     [](const Section& s) { return !s.entries.empty(); });
}

// " after --profile X --tags a,b ...": the tailoring as given, for messages.
std::string tailoring_flags(const BuildOptions& options) {
  std::string out;
  const auto add = [&](const char* flag, const std::vector<std::string>& given) {
    const std::vector<std::string> names = listed_names(given);
    if (names.empty()) return;
    out += fmt::format(" {} {}", flag, fmt::join(names, ","));
  };
  if (!options.profile.empty()) out += " --profile " + options.profile;
  add("--tags", options.tags);
  add("--exclude-tags", options.exclude_tags);
  add("--sections", options.sections);
  if (options.since != 0) out += fmt::format(" --since {}", options.since);
  return out.empty() ? "" : " after" + out;
}

struct Variant {
  const char* suffix;
  bool onepage;
};

}  // namespace

int run_build(const BuildOptions& options) {
  start_font_lookup();  // fontconfig reads its configuration while the file loads
  // The profile's overrides and --set change the file before it is read.
  LoadResult loaded = load_cv_file(options.input, {options.profile, options.overrides});
  const Cv& cv = loaded.cv;
  const Profile* profile = find_profile(cv, options.profile);
  const StyleChoice style_name = choose_style(options.style, profile, cv);
  if (!loaded.diags.has_errors()) check_style_name(style_name, loaded.diags);
  std::cerr << loaded.diags.render(loaded.source);
  if (loaded.diags.has_errors()) return names_no_profile(loaded.diags) ? kUsage : kBadInput;

  // The command line's filters on top of the profile's (the loader has
  // checked that the profile exists and that what it names does).
  const Tailoring flags{listed_names(options.tags), listed_names(options.exclude_tags),
                        listed_names(options.sections), options.since};
  const Diagnostics flag_problems = check_tailoring(cv, flags);
  std::cerr << flag_problems.render("");
  if (flag_problems.has_errors()) return kUsage;
  const Tailoring how = profile != nullptr ? with_profile(*profile, flags) : flags;
  Document tailored = tailor(cv, how);
  if (tailored.sections.empty() && has_entries(cv)) {
    std::cerr << fmt::format(
        "cvpress: error: nothing is left to show{}: the CV would be its header alone\n"
        "  note: {}\n"
        "  hint: check the tags and sections against those of the file; `cvpress build` "
        "without them shows everything\n",
        tailoring_flags(options), why_nothing_left(cv, how));
    return kBadInput;
  }

  Diagnostics style_problems;  // a built-in name, a RenderCV theme or a style file
  Style style = load_style(style_name.name, style_problems);
  std::cerr << render_style_diagnostics(style_problems);
  if (style_problems.has_errors()) return kBadInput;
  const std::string paper = !options.paper.empty() ? options.paper : cv.page_size;
  if (!paper.empty()) set_paper(style, paper);

  FontBook fonts;
  // Paragraphs broken once serve every later layout: the pass that finds the
  // words to soften, and both variants' fits (which change only vertical
  // gaps, never `style`'s widths).
  const std::shared_ptr<LayoutCache> cache = make_layout_cache();
  tailored = prepare_for_style(std::move(tailored), style, fonts, cache.get());
  const std::vector<MissingGlyph> missing = find_missing_glyphs(tailored, style, fonts);
  for (const MissingGlyph& m : missing) {
    std::cerr << "cvpress: " << (options.strict ? "error" : "warning")
              << ": missing glyph: " << describe(m) << "\n";
  }
  if (options.strict && !missing.empty()) return kBadInput;
  if (!math_is_safe(tailored)) return kBadInput;

  const std::string stem = std::filesystem::path(options.input).stem().string();
  const std::string date = creation_date(cv);
  auto wants = [&](const char* format) {
    for (const std::string& f : options.formats)
      if (f == format) return true;
    return false;
  };

  struct Fitted {
    std::string base;  // the output path without its extension
    FitResult result;
  };
  std::vector<Fitted> variants;
  for (const Variant variant : {Variant{"full", false}, Variant{"onepage", true}}) {
    if (options.variant != "all" && options.variant != variant.suffix) continue;
    FitResult fitted = fit_variant(tailored, style, fonts, variant.onepage, options.max_pages,
                                   {options.explain, cache.get()});
    const int budget = variant.onepage ? 1 : options.max_pages;
    if (budget > 0 && options.explain) {
      std::cout << variant.suffix << ":\n";
      for (const std::string& line : fitted.log) std::cout << "  " << line << "\n";
    }
    if (!fitted.fits) {
      std::cerr << fmt::format(
          "cvpress: error: the {} CV does not fit {} page{}: what must stay is {:.1f} pt "
          "(about {:.0f} lines) too long, even with the tightest spacing\n"
          "  note: {}\n"
          "  hint: lower the priority of some entries (2-4 may be dropped) or raise the budget\n",
          variant.suffix, budget, budget == 1 ? "" : "s", fitted.overflow,
          std::ceil(fitted.overflow / style.body.leading),
          fitted.log.front().substr(fitted.log.front().find("; ") + 2));
      return kOverBudget;
    }
    variants.push_back({options.out_dir + "/" + stem + "-" + variant.suffix, std::move(fitted)});
  }

  // The writers make bytes in memory; if one throws, that is a bug in
  // cvpress (or memory ran out), not a file that cannot be written: main()
  // reports it as an internal error (exit 70), and nothing is written.
  std::vector<std::pair<std::string, std::string>> files;
  // The LaTeX on another thread while the PDFs are made.
  std::future<std::vector<std::string>> latex;
  if (wants("tex")) {
    latex = std::async(std::launch::async, [&variants] {
      std::vector<std::string> out;
      for (const Fitted& v : variants) out.push_back(write_latex(v.result.doc, v.result.style));
      return out;
    });
  }
  if (wants("pdf")) {
    std::vector<PdfSource> sources;
    for (const Fitted& v : variants) sources.push_back({&v.result.pages, &v.result.doc.meta});
    std::vector<std::string> pdfs = write_pdfs(sources, fonts, date);
    for (size_t i = 0; i < variants.size(); ++i)
      files.emplace_back(variants[i].base + ".pdf", std::move(pdfs[i]));
  }
  if (latex.valid()) {
    std::vector<std::string> tex = latex.get();
    for (size_t i = 0; i < variants.size(); ++i)
      files.emplace_back(variants[i].base + ".tex", std::move(tex[i]));
  }
  if (std::string error = write_files_atomically(files); !error.empty()) {
    std::cerr << "cvpress: error: " << error << "\n";
    return kCannotWrite;
  }
  for (const auto& file : files) std::cout << "wrote " << file.first << "\n";
  return 0;
}

}  // namespace cvpress
