/** Opens the enterprise's open task (confirmation) of an application, when there is one. */
import { ElMessage } from 'element-plus';
import { api, errorText } from '@shared/api';
import { navigate } from '@shared/router';
import type { Page, Task } from '@shared/types';

export async function openTaskOf(applicationId: string): Promise<void> {
  try {
    const tasks = await api<Page<Task>>('GET', `/api/tasks?applicationId=${applicationId}`);
    if (tasks.items[0]) navigate(`/confirmations/${tasks.items[0].key}`);
    else ElMessage.info('该办件当前没有待本企业确认的事项');
  } catch (e) {
    ElMessage.error(errorText(e, '待确认事项加载失败'));
  }
}
