/** The enterprise portal (issue 10 item 3): an enterprise clerk's daily work, through /api. */
import { createApp } from 'vue';
import 'element-plus/dist/index.css';
import '@bpmn-io/form-js/dist/assets/form-js.css';
import '@shared/base.css';
import App from './App.vue';

createApp(App).mount('#app');
