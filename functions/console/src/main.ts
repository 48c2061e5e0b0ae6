import { createApp } from "vue";
import App from "./App.vue";
import { namePickerPanels } from "./lib/aria";
import { router } from "./router";
import "./styles.css";
// styles of the components used from script (ElMessage, ElMessageBox) rather than from templates
import "element-plus/es/components/message/style/css";
import "element-plus/es/components/message-box/style/css";

namePickerPanels(document);
createApp(App).use(router).mount("#app");
