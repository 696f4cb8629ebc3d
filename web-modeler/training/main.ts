/** The training body's app (issue 10 item 5): CSV imports of exam results and CE records. */
import { createApp } from 'vue';
import 'element-plus/dist/index.css';
import '@shared/base.css';
import App from './App.vue';

createApp(App).mount('#app');
