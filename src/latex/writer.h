// The LaTeX backend: Document + Style -> one self-contained .tex file.
//
// The file reproduces the geometry of layout/layout.h with TeX's own
// machinery: a short preamble of named macros (one per block kind) whose
// dimensions come from the Style in bp, then the content as calls of those
// macros, one block per call, in document order. XeLaTeX and LuaLaTeX compile
// it (twice, for "page N of M") with fontspec on the same TrueType files as
// the PDF backend, breaking lines and pages in the same places.
#pragma once

#include <string>

#include "model/document.h"
#include "model/rich_text.h"
#include "style/style.h"

namespace cvpress {

// The complete .tex source. `style` must have its faces resolved (family,
// ascent and descent filled). A math span that check_math() rejects is
// written as literal text; reporting it is the caller's job.
std::string write_latex(const Document& doc, const Style& style);

// Rich text as LaTeX for the body of a paragraph macro: escaped text, bold
// as {\bfseries ...}, italic as {\itshape ...}, code as {\ttfamily ...},
// links as \href{url}{...}, math as $...$. Leading and trailing whitespace is
// dropped. Every text field of the document goes through this function.
// Runs that `fallback` gives a fallback font are set in it ({\cvfallbacka ...}).
std::string latex_rich_text(const RichText& text, const FallbackMap& fallback = {});

}  // namespace cvpress
