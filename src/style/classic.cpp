#include "style/style.h"

namespace cvpress {

namespace {

FontFace face(const char* family, const char* style, const char* package) {
  FontFace f;
  f.family = family;
  f.style = style;
  f.package = package;
  return f;
}

}  // namespace

// The same numbers as styles/classic.yaml (a unit test holds them equal).
Style classic_style() {
  Style s;
  s.faces[static_cast<int>(Face::Regular)] = face("Charis SIL", "Regular", "fonts-sil-charis");
  s.faces[static_cast<int>(Face::Bold)] = face("Charis SIL", "Bold", "fonts-sil-charis");
  s.faces[static_cast<int>(Face::Italic)] = face("Charis SIL", "Italic", "fonts-sil-charis");
  s.faces[static_cast<int>(Face::BoldItalic)] =
      face("Charis SIL", "Bold Italic", "fonts-sil-charis");
  s.faces[static_cast<int>(Face::Mono)] = face("DejaVu Sans Mono", "Book", "fonts-dejavu-core");
  return s;
}

}  // namespace cvpress
