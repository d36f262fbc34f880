// Letter case of a text style. An uppercase style changes the text itself,
// the same way for both backends (the LaTeX writer emits the uppercased
// words; it never uses \MakeUppercase), so widths and line breaks agree.
#pragma once

#include <string>
#include <string_view>

#include "model/rich_text.h"
#include "style/style.h"

namespace cvpress {

// The capital of a letter: ASCII, Latin-1, Latin Extended-A, Greek and
// Cyrillic letters; every other character (ß, digits, symbols) unchanged.
char32_t upper_case(char32_t c);

// UTF-8 text in upper case, character by character (upper_case).
std::string to_upper(std::string_view utf8);

// `text` in `text_case`: only ordinary text spans change; code, math and
// link targets keep their case. Small caps leave the text as it is (see
// with_small_caps).
std::string with_case(std::string_view text, TextCase text_case);
RichText with_case(const RichText& text, TextCase text_case);

// `text`, in a paragraph whose face is `base`, as small caps: each ordinary
// span (not code, math, a link, which reads better as written, or a
// fallback font's run) is marked to be set in its
// face's OpenType small capitals when `style` says the face has them; else
// its lower-case letters are split off into spans marked Synthetic (set as
// capitals at style.small_caps_scale of the size), the rest staying as it
// is. Both backends set the spans as marked, so their widths agree.
RichText with_small_caps(const RichText& text, const Style& style, Face base);

}  // namespace cvpress
