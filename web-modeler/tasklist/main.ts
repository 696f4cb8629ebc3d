/** The Tasklist of regulators, the association and enterprises (issue 10). */
import { createApp } from 'vue';
import 'element-plus/dist/index.css';
import '@bpmn-io/form-js/dist/assets/form-js.css';
import '@shared/base.css';
import App from './App.vue';

createApp(App).mount('#app');
