// The classic style with its fonts resolved, shared by the layout tests.
#pragma once

#include <catch2/catch.hpp>

#include "style/fonts.h"
#include "style/style.h"

namespace cvpress::test {

inline const Style& classic() {
  static const Style s = [] {
    Style st = classic_style();
    REQUIRE(resolve_fonts(st).empty());
    return st;
  }();
  return s;
}

}  // namespace cvpress::test
