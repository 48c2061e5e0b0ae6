/**
 * The console's build: Vue 3 + Element Plus (components and their CSS imported on demand, so a
 * page carries only what it uses), one chunk per page (the router loads pages lazily), content-
 * hashed file names. `build.ts` runs it and precompresses the output.
 */
import { fileURLToPath } from "node:url";
import vue from "@vitejs/plugin-vue";
import { ElementPlusResolver } from "unplugin-vue-components/resolvers";
import Components from "unplugin-vue-components/vite";
import { defineConfig } from "vite";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/",
  logLevel: "warn",
  plugins: [
    vue(),
    Components({
      resolvers: [ElementPlusResolver({ importStyle: "css" })],
      dts: false,
      dirs: [],
    }),
  ],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    assetsDir: "assets",
    target: "es2022",
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      output: {
        // the framework and the component library in two long-cached chunks instead of dozens of
        // small ones; ECharts stays out of them (only 进度总览 imports it, lazily)
        codeSplitting: {
          groups: [
            { name: "vue", test: /node_modules[\\/](@vue|vue|vue-router)[\\/]/ },
            {
              name: "element-plus",
              test: /node_modules[\\/](element-plus|@element-plus|@vueuse|lodash-es|lodash-unified|dayjs|@floating-ui|@popperjs|async-validator|@ctrl|memoize-one|normalize-wheel-es)[\\/]/,
            },
          ],
        },
      },
    },
  },
});
