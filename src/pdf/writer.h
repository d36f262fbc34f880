// PDF writer: draws laid-out Pages with PoDoFo. Makes no layout decisions.
#pragma once

#include <string>

#include "layout/page.h"
#include "model/document.h"

namespace cvpress {

class FontBook;

// The PDF file's bytes. Fonts are subset with HarfBuzz (glyph ids kept) and
// embedded as CIDFontType2 with Identity-H and a ToUnicode map; the file is
// byte-identical for identical input (`creation_date` is a PDF date string,
// e.g. "D:20260101000000Z"). Throws std::runtime_error on failure.
std::string write_pdf(const Pages& pages, const Metadata& meta, FontBook& fonts,
                      const std::string& creation_date);

}  // namespace cvpress
