/** The operations view of the system administrator (issue 11 item 3). */
import { createApp } from 'vue';
import 'element-plus/dist/index.css';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import '@shared/base.css';
import './diagram-markers.css';
import App from './App.vue';

createApp(App).mount('#app');
