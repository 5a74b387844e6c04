#pragma once

// see categories.cpp for details

#include <string>
std::string clapCategoriesToVST3(const char *const *clap_categories);
