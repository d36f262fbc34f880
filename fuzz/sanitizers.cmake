# Included by the top-level CMakeLists.txt when CVPRESS_FUZZ is on: every
# target of this build is compiled for libFuzzer with AddressSanitizer and
# UndefinedBehaviorSanitizer, so that the fuzzer sees coverage and the
# sanitizers see bugs in all of cvpress, not only in the fuzz target.
if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
  message(FATAL_ERROR "CVPRESS_FUZZ needs clang: CC=clang CXX=clang++ cmake -DCVPRESS_FUZZ=ON ...")
endif()
add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all
                    -fno-omit-frame-pointer)
add_link_options(-fsanitize=address,undefined)
