// Fuzzes the rule loader and validator, and compiles what loads.
#include <makerscore/makerscore.h>

#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  makerscore::LoadResult r = makerscore::ParseRules(text, "fuzz.yaml");
  (void)r.diagnostics.ToString();
  if (r.ok()) {
    try {
      makerscore::Model m = makerscore::Model::Compile(*r.rules);
      (void)makerscore::FormatWeights(m);
    } catch (const makerscore::Error&) {
    }
  }
  return 0;
}
