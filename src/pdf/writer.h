// PDF writer: draws laid-out Pages with PoDoFo. Makes no layout decisions.
#pragma once

#include <string>
#include <vector>

#include "layout/page.h"
#include "model/document.h"

namespace cvpress {

class FontBook;

// The PDF file's bytes. Fonts are subset with HarfBuzz (glyph ids kept) and
// embedded as CIDFontType2 with Identity-H and a ToUnicode map; the file is
// byte-identical for identical input (`creation_date` is a PDF date string,
// e.g. "D:20260101000000Z"). Throws std::runtime_error on failure.
std::string write_pdf(const Pages& pages, const Metadata& meta, const FontBook& fonts,
                      const std::string& creation_date);

// One document of write_pdfs().
struct PdfSource {
  const Pages* pages;
  const Metadata* meta;
};

// The files of several documents set in the same fonts (the full and the
// one-page CV), as write_pdf() makes each, in parallel. Each font is subset
// once, to the glyphs that any of them uses, and embedded in all.
std::vector<std::string> write_pdfs(const std::vector<PdfSource>& sources, const FontBook& fonts,
                                    const std::string& creation_date);

}  // namespace cvpress
