/* paths.h — where bangfu's shipped data files (forms/, keymaps/) are. */
#ifndef BANGFU_PATHS_H
#define BANGFU_PATHS_H

/* The folder of shipped data: the environment variable env if set (tests
 * point it at the source tree); else installed, if it holds the file probe;
 * else sub beside the running binary's folder (an uninstalled in-tree build
 * runs src/bangfu, so ../sub) if that holds probe; else installed.
 * malloc'd. */
char *paths_data_dir(const char *env, const char *installed, const char *sub,
		     const char *probe);

#endif
