// pageaudit: the command-line driver. All the work is in the core library.
#include "pageaudit/cli/app.h"

int main(int argc, char** argv) {
  return pageaudit::run_cli(argc, argv);
}
