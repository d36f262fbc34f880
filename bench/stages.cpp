// Micro-benchmarks of each pipeline stage (load, tailor, shaping, layout,
// fit, PDF write, LaTeX write) and of the whole build, on cv.yaml and on
// cv.yaml made 1x, 10x and 100x larger (generate.h).
//
//   cvpress_bench [--cv FILE] [google benchmark flags]
//   cvpress_bench --benchmark_filter='/x100$'     only the 100x CV
//   cvpress_bench --benchmark_filter='^fit/'      only the fitter
//
// Names are stage/input. Each stage runs on the output of the previous ones,
// computed once per input outside the timing; fonts are warm (loaded and
// their words shaped) except in shape_cold and build, which start from
// nothing as a run of `cvpress build` does.
#include <benchmark/benchmark.h>

#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "fit/fit.h"
#include "generate.h"
#include "latex/writer.h"
#include "layout/layout.h"
#include "layout/paragraph.h"
#include "load/yaml_loader.h"
#include "pdf/writer.h"
#include "style/fonts.h"
#include "tailor/tailor.h"
#include "text/font_book.h"

namespace cvpress::bench {
namespace {

constexpr const char* kDate = "D:20260101000000Z";

std::string g_cv_path = CVPRESS_SOURCE_DIR "/cv.yaml";

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

Style resolved_style() {
  Style style = classic_style();
  if (std::string error = resolve_fonts(style); !error.empty()) throw std::runtime_error(error);
  return style;
}

// One benchmark input and every stage's output on it, made on first use.
struct Input {
  std::string text;
  Cv cv;
  Style style;
  Document doc;  // tailored, no filters
  Document full;
  Document onepage;
  std::unique_ptr<FontBook> fonts = std::make_unique<FontBook>();
  Pages full_pages;
};

// factor 0: cv.yaml as it is; otherwise generated.
Input& input(int factor) {
  static std::map<int, std::unique_ptr<Input>> inputs;
  std::unique_ptr<Input>& in = inputs[factor];
  if (in) return *in;
  in = std::make_unique<Input>();
  const std::string source = read_file(g_cv_path);
  in->text = factor == 0 ? source : multiply_cv(source, factor);
  LoadResult loaded = load_cv_text(in->text, "cv.yaml");
  if (loaded.diags.has_errors()) throw std::runtime_error(loaded.diags.render(loaded.source));
  in->cv = std::move(loaded.cv);
  in->style = resolved_style();
  in->doc = tailor(in->cv, Tailoring{});
  in->full = in->doc;
  in->full.footer = true;
  in->onepage = in->doc;
  in->full_pages = layout(in->full, in->style, *in->fonts);  // also warms the shaping cache
  return *in;
}

void report(benchmark::State& state, const Input& in) {
  state.counters["pages"] = static_cast<double>(in.full_pages.pages.size());
  state.counters["kB_yaml"] = static_cast<double>(in.text.size()) / 1024;
}

// Every paragraph of the document through the shaper (words only; no line
// breaking), as the layout engine shapes them.
size_t shape_all(const Document& doc, const Style& s, FontBook& fonts) {
  size_t words = 0;
  auto shape = [&](const RichText& text, const TextStyle& t) {
    words += shape_words(text, InlineStyle{t, s.text_color, s.link_color}, s, fonts).size();
  };
  shape(plain(doc.header.name), s.name_text);
  for (const DocSection& section : doc.sections) shape(plain(section.title), s.section_text);
  for_each_text(doc, [&](const RichText& text, const char* field, const SourceLoc&) {
    const std::string_view f = field;
    shape(text, f == "title" ? s.title_text : f == "subtitle" ? s.subtitle_text : s.body);
  });
  return words;
}

void load(benchmark::State& state, int factor) {
  Input& in = input(factor);
  for (auto _ : state) {
    LoadResult loaded = load_cv_text(in.text, "cv.yaml");
    benchmark::DoNotOptimize(loaded);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * in.text.size()));
  report(state, in);
}

void tailor_stage(benchmark::State& state, int factor) {
  Input& in = input(factor);
  for (auto _ : state) {
    Document doc = tailor(in.cv, Tailoring{});
    benchmark::DoNotOptimize(doc);
  }
  report(state, in);
}

// A new FontBook each time: font loading and every word shaped by HarfBuzz.
void shape_cold(benchmark::State& state, int factor) {
  Input& in = input(factor);
  size_t words = 0;
  for (auto _ : state) {
    FontBook fonts;
    words = shape_all(in.doc, in.style, fonts);
    benchmark::DoNotOptimize(words);
  }
  state.counters["words"] = static_cast<double>(words);
  report(state, in);
}

// The same FontBook: every word is a cache hit, as in the fitter's passes.
void shape_warm(benchmark::State& state, int factor) {
  Input& in = input(factor);
  size_t words = 0;
  for (auto _ : state) {
    words = shape_all(in.doc, in.style, *in.fonts);
    benchmark::DoNotOptimize(words);
  }
  state.counters["words"] = static_cast<double>(words);
  report(state, in);
}

void layout_stage(benchmark::State& state, int factor) {
  Input& in = input(factor);
  for (auto _ : state) {
    Pages pages = layout(in.full, in.style, *in.fonts);
    benchmark::DoNotOptimize(pages);
  }
  report(state, in);
}

// The one-page variant's fit (the only variant with a page budget by default).
void fit_stage(benchmark::State& state, int factor) {
  Input& in = input(factor);
  for (auto _ : state) {
    FitResult fitted = fit(in.onepage, in.style, *in.fonts, 1, true);
    benchmark::DoNotOptimize(fitted);
  }
  report(state, in);
}

void pdf_write(benchmark::State& state, int factor) {
  Input& in = input(factor);
  size_t bytes = 0;
  for (auto _ : state) {
    std::string pdf = write_pdf(in.full_pages, in.full.meta, *in.fonts, kDate);
    bytes = pdf.size();
    benchmark::DoNotOptimize(pdf);
  }
  state.counters["kB_out"] = static_cast<double>(bytes) / 1024;
  report(state, in);
}

void latex_write(benchmark::State& state, int factor) {
  Input& in = input(factor);
  size_t bytes = 0;
  for (auto _ : state) {
    std::string tex = write_latex(in.full, in.style);
    bytes = tex.size();
    benchmark::DoNotOptimize(tex);
  }
  state.counters["kB_out"] = static_cast<double>(bytes) / 1024;
  report(state, in);
}

// What `cvpress build` does between reading the file and writing four
// files (src/cli/build_command.cpp): both variants, PDF and LaTeX, the
// one-page fit, new fonts, one layout cache for all passes, the PDFs written
// together (each font subset once).
void build(benchmark::State& state, int factor) {
  Input& in = input(factor);
  for (auto _ : state) {
    LoadResult loaded = load_cv_text(in.text, "cv.yaml");
    Style style = resolved_style();
    FontBook fonts;
    const std::shared_ptr<LayoutCache> cache = make_layout_cache();
    const Document doc =
        prepare_for_style(tailor(loaded.cv, Tailoring{}), style, fonts, cache.get());
    std::vector<FitResult> variants;
    for (const bool onepage : {false, true})
      variants.push_back(fit_variant(doc, style, fonts, onepage, 0, {false, cache.get()}));
    std::vector<PdfSource> sources;
    for (const FitResult& v : variants) sources.push_back({&v.pages, &v.doc.meta});
    std::vector<std::string> files = write_pdfs(sources, fonts, kDate);
    for (const FitResult& v : variants) files.push_back(write_latex(v.doc, v.style));
    benchmark::DoNotOptimize(files);
  }
  report(state, in);
}

struct Size {
  const char* name;
  int factor;
};

}  // namespace
}  // namespace cvpress::bench

int main(int argc, char** argv) {
  using namespace cvpress::bench;
  // Our own flag first: --cv FILE (the CV the inputs are made from).
  std::vector<char*> args;
  for (int i = 0; i < argc; ++i) {
    if (std::strcmp(argv[i], "--cv") == 0 && i + 1 < argc) {
      g_cv_path = argv[++i];
      continue;
    }
    args.push_back(argv[i]);
  }
  int count = static_cast<int>(args.size());
  benchmark::Initialize(&count, args.data());
  if (benchmark::ReportUnrecognizedArguments(count, args.data())) return 2;

  const Size sizes[] = {{"cv.yaml", 0}, {"x1", 1}, {"x10", 10}, {"x100", 100}};
  const std::pair<const char*, void (*)(benchmark::State&, int)> stages[] = {
      {"load", load},
      {"tailor", tailor_stage},
      {"shape_cold", shape_cold},
      {"shape_warm", shape_warm},
      {"layout", layout_stage},
      {"fit", fit_stage},
      {"pdf_write", pdf_write},
      {"latex_write", latex_write},
      {"build", build},
  };
  for (const auto& [stage, fn] : stages) {
    for (const Size& size : sizes) {
      benchmark::RegisterBenchmark((std::string(stage) + "/" + size.name).c_str(), fn, size.factor)
          ->Unit(benchmark::kMillisecond);
    }
  }
  try {
    benchmark::RunSpecifiedBenchmarks();
  } catch (const std::exception& e) {
    std::cerr << "cvpress_bench: " << e.what() << "\n";
    return 1;
  }
  benchmark::Shutdown();
  return 0;
}
