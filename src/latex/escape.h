// Turning user strings into LaTeX source that prints them literally.
//
// Every string from the CV reaches TeX through one of these three functions,
// so no input can run a TeX command: `\input{x}`, `\write18{...}`,
// `\end{document}`, unbalanced braces and a trailing backslash all print as
// the characters they are.
#pragma once

#include <string>
#include <string_view>

namespace cvpress {

// UTF-8 text as LaTeX source for XeLaTeX/LuaLaTeX with fontspec: TeX's special
// characters become commands that print them (`\%`, `\{`, `\textbackslash{}`,
// ...), character pairs that a TeX ligature could merge (`--`, ``` `` ```,
// `''`, `!``, `<<`, ...) are kept apart with `{}` (neutral for kerning in
// both engines), tabs and line breaks become spaces, runs of spaces one
// space, other control characters and invalid UTF-8 are dropped. Everything
// else, including non-ASCII text, passes through unchanged.
std::string escape_text(std::string_view utf8);

// Text for a `%` comment line: valid UTF-8 (malformed bytes dropped), with
// line breaks, line and paragraph separators and other control characters
// as spaces, so the comment cannot end early and let the rest be read as TeX.
std::string comment_text(std::string_view utf8);

// A URL as the first argument of hyperref's `\href`, valid even when the
// `\href` sits inside another macro's argument: hyperref writes exactly
// link_uri(url) (text/uri.h) into the PDF's /URI, in XeLaTeX and LuaLaTeX.
// `# % ~ & _ \` become `\#` ..., `$ ^` `\string$` `\string^`, braces
// `\csname @charlb\endcsname ` and `\csname @charrb\endcsname `.
std::string escape_url(std::string_view url);

// Math source for `$...$`. Returns `tex` (with line breaks as spaces) when
// every control sequence is in the allow-list (Greek letters, math fonts,
// \frac \sqrt, \left \right \big..., common operators, relations, arrows,
// dots, accents, spacing, delimiters) and the source is well formed (braces
// and \left/\right balanced, scripts and commands have their arguments, no
// `%`, `#`, `&`, `$`, `~`, `^^`, non-ASCII or control characters). Otherwise
// returns an empty string and, when `bad_command` is not null, stores the
// first offending command or character in it (it is cleared on success).
std::string check_math(std::string_view tex, std::string* bad_command);

}  // namespace cvpress
